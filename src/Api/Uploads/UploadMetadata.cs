using System.Text;

namespace VideoPlatform.Api.Uploads;

/// <summary>
/// The Upload-Metadata header: comma-separated <c>key base64(value)</c> pairs (a key may stand alone). Keys are unique,
/// non-empty ASCII without spaces or commas; values must be valid base64 of UTF-8 text.
/// </summary>
public sealed class UploadMetadata
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private UploadMetadata(IReadOnlyDictionary<string, string> values) => Values = values;

    public static UploadMetadata Empty { get; } = new(new Dictionary<string, string>());

    public IReadOnlyDictionary<string, string> Values { get; }

    public string? this[string key] => Values.TryGetValue(key, out var value) ? value : null;

    /// <summary>Parses the header; on failure returns false with a reason fit for a 400 detail.</summary>
    public static bool TryParse(string? header, out UploadMetadata metadata, out string? error)
    {
        metadata = Empty;
        error = null;
        if (string.IsNullOrWhiteSpace(header))
        {
            return true;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in header.Split(','))
        {
            var parts = pair.Trim().Split(' ');
            if (parts.Length > 2 || parts[0].Length == 0 || !parts[0].All(c => char.IsAscii(c) && !char.IsControl(c) && c != ' '))
            {
                error = $"'{pair.Trim()}' is not a 'key base64value' pair";
                return false;
            }

            if (values.ContainsKey(parts[0]))
            {
                error = $"key '{parts[0]}' appears twice";
                return false;
            }

            string? value = "";
            if (parts.Length == 2 && !TryDecode(parts[1], out value))
            {
                error = $"the value of '{parts[0]}' is not base64 of UTF-8 text";
                return false;
            }

            values[parts[0]] = value!;
        }

        metadata = new UploadMetadata(values);
        return true;
    }

    private static bool TryDecode(string encoded, out string? value)
    {
        value = null;
        var bytes = new byte[(encoded.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(encoded, bytes, out var written))
        {
            return false;
        }

        try
        {
            value = StrictUtf8.GetString(bytes, 0, written);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
