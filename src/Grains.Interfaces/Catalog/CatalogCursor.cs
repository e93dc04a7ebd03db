using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace VideoPlatform.Grains.Catalog;

/// <summary>The opaque paging cursor: the (createdAt, id) of the last item of a page, newest first.</summary>
public static class CatalogCursor
{
    public static string Encode(VideoCatalogEntry last) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{last.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{last.Id}"));

    /// <summary>False for anything that is not a cursor this class wrote.</summary>
    public static bool TryDecode(string? cursor, out DateTimeOffset createdAt, out string id)
    {
        createdAt = default;
        id = "";
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 200)
        {
            return false;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon < 1 || !long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
            {
                return false;
            }

            createdAt = new DateTimeOffset(ticks, TimeSpan.Zero);
            id = text[(colon + 1)..];
            return id.Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Orders newest first; ties broken by id, descending.</summary>
    public static int Compare(VideoCatalogEntry a, DateTimeOffset createdAt, string id)
    {
        var byTime = createdAt.CompareTo(a.CreatedAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(id, a.Id);
    }
}
