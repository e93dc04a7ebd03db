using System.Globalization;
using VideoPlatform.Storage;

namespace VideoPlatform.Api.Playback;

/// <summary>
/// Parses a single-range <c>Range: bytes=…</c> header. Anything else (several ranges, other units, bad syntax)
/// yields null, and the whole object is served, as RFC 9110 allows.
/// </summary>
public static class RangeHeader
{
    public static ByteRange? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var spec = header["bytes=".Length..].Trim();
        if (spec.Contains(',', StringComparison.Ordinal))
        {
            return null;
        }

        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return null;
        }

        var first = spec[..dash].Trim();
        var last = spec[(dash + 1)..].Trim();
        long? from = first.Length == 0 ? null : ParseNumber(first);
        long? to = last.Length == 0 ? null : ParseNumber(last);
        if ((first.Length > 0 && from is null) || (last.Length > 0 && to is null) || (from is null && to is null))
        {
            return null;
        }

        return new ByteRange(from, to);
    }

    private static long? ParseNumber(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
