using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace VideoPlatform.Api.Analytics;

/// <summary>The opaque cursor of the trending list: how far down the ranking the previous page read.</summary>
public static class TrendingCursor
{
    private const string Prefix = "t:";
    private const int MaxOffset = 100_000;

    public static string Encode(int offset) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Prefix + offset.ToString(CultureInfo.InvariantCulture)));

    public static bool TryDecode(string? cursor, out int offset)
    {
        offset = 0;
        if (cursor is null)
        {
            return true;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            return text.StartsWith(Prefix, StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out offset)
                && offset <= MaxOffset;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
