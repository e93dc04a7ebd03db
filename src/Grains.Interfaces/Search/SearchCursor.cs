using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace VideoPlatform.Grains.Search;

/// <summary>
/// Where the previous page of a search ended: the sort key and id of its last item (keyset paging, so pages neither
/// repeat nor skip while the index is unchanged), or an offset for engines that only page by offset. Opaque to clients.
/// </summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.SearchCursor")]
public sealed record SearchCursor
{
    [Id(0)] public SearchSort Sort { get; init; }
    /// <summary>The search ran typo-tolerant (the exact words found little): later pages must too.</summary>
    [Id(1)] public bool Fuzzy { get; init; }
    /// <summary>Relevance: the last item's score.</summary>
    [Id(2)] public double Score { get; init; }
    /// <summary>Newest: the last item's publication time in Unix microseconds; views: its view count.</summary>
    [Id(3)] public long Number { get; init; }
    [Id(4)] public string Id { get; init; } = "";
    [Id(5)] public int Offset { get; init; }

    private const string Version = "s1";

    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('|',
        Version, Sort.ToString(), Fuzzy ? "1" : "0", Score.ToString("R", CultureInfo.InvariantCulture),
        Number.ToString(CultureInfo.InvariantCulture), Offset.ToString(CultureInfo.InvariantCulture), Id)));

    /// <summary>Null for anything that is not a cursor this class wrote for the same sort.</summary>
    public static SearchCursor? TryDecode(string cursor, SearchSort sort)
    {
        if (cursor.Length is 0 or > 400)
        {
            return null;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('|', 7);
            return parts.Length == 7 && parts[0] == Version && parts[1] == sort.ToString() && parts[2] is "0" or "1"
                && double.TryParse(parts[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var score) && double.IsFinite(score)
                && long.TryParse(parts[4], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                && int.TryParse(parts[5], NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
                && parts[6].Length is > 0 and <= 64
                ? new SearchCursor { Sort = sort, Fuzzy = parts[2] == "1", Score = score, Number = number, Offset = offset, Id = parts[6] }
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
