using System.Text;

namespace VideoPlatform.Grains.Search;

/// <summary>
/// How a query word matches a document word in the in-memory index: exactly, as a prefix (the last word, for
/// search-as-you-type), or within a small edit distance when the search is typo-tolerant (as Meilisearch counts
/// typos: one from 5 letters, two from 9).
/// </summary>
public static class WordMatch
{
    public const double Exact = 1.0, Prefix = 0.9, Typo = 0.6;

    /// <summary>The match quality of <paramref name="word"/> against query word <paramref name="query"/>; 0 = none.</summary>
    public static double Quality(string query, string word, bool prefix, bool fuzzy)
    {
        if (word == query)
        {
            return Exact;
        }

        if (prefix && query.Length >= 2 && word.StartsWith(query, StringComparison.Ordinal))
        {
            return Prefix;
        }

        var allowed = query.Length >= 9 ? 2 : query.Length >= 5 ? 1 : 0;
        return fuzzy && allowed > 0 && Math.Abs(word.Length - query.Length) <= allowed && Distance(query, word) <= allowed ? Typo : 0;
    }

    /// <summary>Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions).</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    /// <summary>
    /// <paramref name="text"/> with every word that matches a query word wrapped in
    /// <see cref="SearchText.MarkStart"/>/<see cref="SearchText.MarkEnd"/>.
    /// </summary>
    public static string Mark(string text, IReadOnlyList<string> query, bool fuzzy)
    {
        var result = new StringBuilder(text.Length + 16);
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                var word = text[start..i];
                var lower = word.ToLowerInvariant();
                var hit = query.Select((q, n) => Quality(q, lower, n == query.Count - 1, fuzzy)).Any(q => q > 0);
                result.Append(hit ? $"{SearchText.MarkStart}{word}{SearchText.MarkEnd}" : word);
                start = -1;
            }

            if (!inWord && i < text.Length)
            {
                result.Append(text[i]);
            }
        }

        return result.ToString();
    }
}
