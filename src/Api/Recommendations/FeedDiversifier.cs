namespace VideoPlatform.Api.Recommendations;

/// <summary>
/// Reorders a ranked feed so that no more than <see cref="MaxRun"/> items in a row come from one owner: each place takes
/// the best-ranked item left that does not extend such a run. Items that cannot be placed without breaking the
/// rule (one owner's videos and nothing else left) are left out. Pure.
/// </summary>
public static class FeedDiversifier
{
    public const int MaxRun = 2;

    public static List<T> Diversify<T>(IEnumerable<T> ranked, Func<T, string?> ownerOf)
    {
        var left = ranked.ToList();
        var result = new List<T>(left.Count);
        while (left.Count > 0)
        {
            var blocked = result.Count >= MaxRun && result.TakeLast(MaxRun).Select(ownerOf).Distinct().Count() == 1 ? ownerOf(result[^1]) : null;
            var next = blocked is null ? 0 : left.FindIndex(item => ownerOf(item) != blocked);
            if (next < 0)
            {
                break;
            }

            result.Add(left[next]);
            left.RemoveAt(next);
        }

        return result;
    }
}
