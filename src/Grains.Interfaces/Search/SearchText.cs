using System.Net;
using System.Text;

namespace VideoPlatform.Grains.Search;

/// <summary>
/// How text becomes search words, the same for documents and queries in every provider: lower-case runs of letters
/// and digits. Nothing else of the user's text ever reaches a query language, so its metacharacters cannot either.
/// </summary>
public static class SearchText
{
    /// <summary>Only this many words of a query count (as in Meilisearch).</summary>
    public const int MaxQueryWords = 10;

    public const int MaxWordLength = 40;

    /// <summary>Highlighted spans arrive wrapped in these private-use characters and leave as &lt;mark&gt;.</summary>
    public const char MarkStart = '\uE000';
    public const char MarkEnd = '\uE001';

    public static IReadOnlyList<string> Words(string? text, int max = int.MaxValue)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }

        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
                continue;
            }

            Flush();
            if (words.Count >= max)
            {
                return words;
            }
        }

        Flush();
        return words.Count > max ? words.GetRange(0, max) : words;

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.Length > MaxWordLength ? current.ToString(0, MaxWordLength) : current.ToString());
                current.Clear();
            }
        }
    }

    /// <summary>The distinct words of a document, for a provider's vocabulary.</summary>
    public static IReadOnlyList<string> Vocabulary(SearchDocument document) =>
        Words(document.Title).Concat(document.Tags.SelectMany(t => Words(t))).Concat(Words(document.Description)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Text with <see cref="MarkStart"/>/<see cref="MarkEnd"/> around matches → HTML-escaped text with &lt;mark&gt;
    /// around them; null when nothing was marked.
    /// </summary>
    public static string? ToHighlightHtml(string? marked)
    {
        if (string.IsNullOrEmpty(marked) || !marked.Contains(MarkStart, StringComparison.Ordinal))
        {
            return null;
        }

        return WebUtility.HtmlEncode(marked)
            .Replace(MarkStart.ToString(), "<mark>", StringComparison.Ordinal)
            .Replace(MarkEnd.ToString(), "</mark>", StringComparison.Ordinal);
    }
}
