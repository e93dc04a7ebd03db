using System.Text;

namespace VideoPlatform.Storage;

/// <summary>
/// The one rule for object keys, shared by every store so that a key valid on S3 is valid on disk and
/// can never escape the FileSystem root: relative, '/'-separated, no '.'/'..'/empty segments, no
/// backslashes or control characters, at most 1024 UTF-8 bytes (the S3 limit).
/// </summary>
public static class ObjectKey
{
    public const int MaxUtf8Length = 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Returns <paramref name="key"/> or throws <see cref="InvalidObjectKeyException"/>.</summary>
    public static string Validate(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0)
        {
            throw new InvalidObjectKeyException(key, "empty");
        }

        Check(key, allowTrailingSlash: false);
        return key;
    }

    /// <summary>A list/delete prefix: "" (everything) or a key start that may end with '/'.</summary>
    public static string ValidatePrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length > 0)
        {
            Check(prefix, allowTrailingSlash: true);
        }

        return prefix;
    }

    public static bool IsValid(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return false;
        }

        try
        {
            Check(key, allowTrailingSlash: false);
            return true;
        }
        catch (InvalidObjectKeyException)
        {
            return false;
        }
    }

    private static void Check(string value, bool allowTrailingSlash)
    {
        int utf8Length;
        try
        {
            utf8Length = StrictUtf8.GetByteCount(value);
        }
        catch (EncoderFallbackException)
        {
            throw new InvalidObjectKeyException(value, "not valid Unicode (lone surrogate)");
        }

        if (utf8Length > MaxUtf8Length)
        {
            throw new InvalidObjectKeyException(value, $"longer than {MaxUtf8Length} UTF-8 bytes");
        }

        if (value[0] == '/')
        {
            throw new InvalidObjectKeyException(value, "absolute (leading '/')");
        }

        foreach (var c in value)
        {
            if (c == '\\')
            {
                throw new InvalidObjectKeyException(value, "contains a backslash");
            }

            if (char.IsControl(c))
            {
                throw new InvalidObjectKeyException(value, "contains a control character");
            }
        }

        var body = allowTrailingSlash && value[^1] == '/' ? value[..^1] : value;
        var segments = body.Split('/');
        if (segments[0].Length == 2 && segments[0][1] == ':' && char.IsAsciiLetter(segments[0][0]))
        {
            throw new InvalidObjectKeyException(value, "absolute (drive letter)");
        }

        foreach (var segment in segments)
        {
            if (segment.Length == 0)
            {
                throw new InvalidObjectKeyException(value, "empty path segment");
            }

            if (segment is "." or "..")
            {
                throw new InvalidObjectKeyException(value, $"'{segment}' path segment");
            }
        }
    }
}
