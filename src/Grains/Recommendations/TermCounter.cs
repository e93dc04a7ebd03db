using System.Globalization;
using System.Text;
using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Grains.Recommendations;

/// <summary>
/// Title, tags and description → terms with counts. A tag counts three times and a title word twice, so what the
/// owner chose to name the video weighs more than its description. Pure.
/// </summary>
public static class TermCounter
{
    public const int TitleWeight = 2;
    public const int TagWeight = 3;
    private const int MinLength = 2;
    private const int MaxLength = 40;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "how", "in", "is", "it", "of", "on", "or",
        "that", "the", "this", "to", "was", "what", "with", "you", "your", "we", "our", "my", "i",
    };

    public static ContentDocument Document(VideoDetails video, int maxTerms)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        Count(video.Title, TitleWeight, counts);
        foreach (var tag in video.Tags)
        {
            Count(tag, TagWeight, counts);
        }

        Count(video.Description, 1, counts);
        var kept = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(maxTerms).ToList();
        return new ContentDocument
        {
            VideoId = video.Id,
            OwnerId = video.OwnerId,
            Terms = kept.Select(c => c.Key).ToArray(),
            Counts = kept.Select(c => c.Value).ToArray(),
            CreatedAt = video.PublishedAt ?? video.CreatedAt,
            Version = video.Version,
        };
    }

    public static void Count(string text, int weight, Dictionary<string, int> counts)
    {
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }

            Flush(word, weight, counts);
        }

        Flush(word, weight, counts);
    }

    private static void Flush(StringBuilder word, int weight, Dictionary<string, int> counts)
    {
        if (word.Length is >= MinLength and <= MaxLength)
        {
            var term = word.ToString();
            if (!StopWords.Contains(term) && !int.TryParse(term, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                counts[term] = counts.GetValueOrDefault(term) + weight;
            }
        }

        word.Clear();
    }
}
