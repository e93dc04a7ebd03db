namespace VideoPlatform.Grains.Search;

/// <summary>
/// The search contract over documents held in memory, scanned per query: fine for development and tests, bounded by
/// <see cref="MaxDocuments"/> (and each description by <see cref="MaxDescription"/> characters). Ranks as the
/// PostgreSQL provider does: title words weigh most, then tags, then the description; an exact title wins.
/// </summary>
public sealed class InMemorySearchEngine(int maxDocuments)
{
    public const int MaxDescription = 5_000;
    private const double TitleWeight = 1.0, TagWeight = 0.4, DescriptionWeight = 0.2, ExactTitleBoost = 10;
    private const int FuzzyBelow = 3;

    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> versions = new(StringComparer.Ordinal);

    public int MaxDocuments => maxDocuments;

    public int Count => entries.Count;

    /// <summary>False when the document was not stored because the index is full.</summary>
    public bool Upsert(SearchDocument document)
    {
        if (versions.TryGetValue(document.Id, out var held) && held > document.Version)
        {
            return true;
        }

        if (!entries.ContainsKey(document.Id) && entries.Count >= maxDocuments)
        {
            return false;
        }

        var views = entries.TryGetValue(document.Id, out var old) ? Math.Max(old.Document.Views, document.Views) : document.Views;
        var stored = document with
        {
            Description = document.Description.Length > MaxDescription ? document.Description[..MaxDescription] : document.Description,
            Views = views,
        };
        entries[document.Id] = new Entry(stored);
        versions[document.Id] = document.Version;
        return true;
    }

    public void Remove(string videoId, long version)
    {
        if (versions.TryGetValue(videoId, out var held) && held > version)
        {
            return;
        }

        entries.Remove(videoId);
        // Tombstones are versions only; they go once the bound is reached, oldest knowledge being least useful.
        if (versions.Count >= maxDocuments * 2)
        {
            versions.Clear();
            foreach (var e in entries.Values)
            {
                versions[e.Document.Id] = e.Document.Version;
            }
        }

        versions[videoId] = version;
    }

    public void SetViews(string videoId, long views)
    {
        if (entries.TryGetValue(videoId, out var entry) && entry.Document.Views < views)
        {
            entries[videoId] = entry with { Document = entry.Document with { Views = views } };
        }
    }

    public SearchPage Search(SearchQuery query)
    {
        var words = SearchText.Words(query.Text, SearchText.MaxQueryWords);
        var fuzzy = query.After?.Fuzzy ?? false;
        var matches = Match(query, words, fuzzy);
        if (query.After is null && words.Count > 0 && matches.Count < FuzzyBelow)
        {
            fuzzy = true;
            matches = Match(query, words, fuzzy);
        }

        var facets = matches.SelectMany(m => m.Entry.Document.Tags).GroupBy(t => t, StringComparer.Ordinal)
            .Select(g => new TagCount(g.Key, g.Count())).OrderByDescending(t => t.Count).ThenBy(t => t.Tag, StringComparer.Ordinal)
            .Take(SearchPage.FacetCount).ToList();
        var ordered = Order(matches, query.Sort).Where(m => After(m, query.After, query.Sort)).Take(query.Limit + 1).ToList();
        var page = ordered.Take(query.Limit).ToList();
        var hits = page.Select(m => new SearchHit(
            m.Entry.Document.Id,
            words.Count == 0 ? null : SearchText.ToHighlightHtml(WordMatch.Mark(m.Entry.Document.Title, words, fuzzy)),
            words.Count == 0 ? null : SearchText.ToHighlightHtml(WordMatch.Mark(m.Entry.Document.Description, words, fuzzy)))).ToList();
        var next = ordered.Count > query.Limit ? CursorOf(page[^1], query.Sort, fuzzy) : null;
        return new SearchPage(hits, facets, next, matches.Count);
    }

    public IReadOnlyList<string> Suggest(string text, int limit) =>
        SearchText.Words(text).Count == 0
            ? []
            : Search(new SearchQuery { Text = text, Limit = SearchQuery.MaxLimit }).Items
                .Select(h => entries[h.VideoId].Document.Title).Distinct(StringComparer.Ordinal).Take(limit).ToList();

    private List<Scored> Match(SearchQuery query, IReadOnlyList<string> words, bool fuzzy)
    {
        var (min, max) = query.Duration is { } d ? SearchQuery.Seconds(d) : (null, null);
        var normalizedText = string.Join(' ', words);
        var matches = new List<Scored>();
        foreach (var entry in entries.Values)
        {
            var doc = entry.Document;
            if ((query.OwnerId is not null && doc.OwnerId != query.OwnerId)
                || (min is not null && doc.DurationSeconds < min) || (max is not null && doc.DurationSeconds >= max)
                || (query.PublishedAfter is { } after && doc.PublishedAt < after)
                || !query.Tags.All(t => doc.Tags.Contains(t, StringComparer.Ordinal)))
            {
                continue;
            }

            var score = 0.0;
            for (var i = 0; i < words.Count && score >= 0; i++)
            {
                var prefix = i == words.Count - 1;
                var best = Math.Max(Best(words[i], entry.Title, prefix, fuzzy) * TitleWeight,
                    Math.Max(Best(words[i], entry.Tags, prefix, fuzzy) * TagWeight, Best(words[i], entry.Description, prefix, fuzzy) * DescriptionWeight));
                score = best > 0 ? score + best : -1;
            }

            if (score >= 0)
            {
                matches.Add(new Scored(entry, score + (words.Count > 0 && string.Join(' ', entry.Title) == normalizedText ? ExactTitleBoost : 0)));
            }
        }

        return matches;
    }

    private static double Best(string query, IReadOnlyList<string> words, bool prefix, bool fuzzy)
    {
        var best = 0.0;
        foreach (var word in words)
        {
            best = Math.Max(best, WordMatch.Quality(query, word, prefix, fuzzy));
        }

        return best;
    }

    private static IOrderedEnumerable<Scored> Order(List<Scored> matches, SearchSort sort) => sort switch
    {
        SearchSort.Newest => matches.OrderByDescending(m => m.Entry.Document.PublishedAt.UtcTicks / 10).ThenBy(m => m.Entry.Document.Id, StringComparer.Ordinal),
        SearchSort.Views => matches.OrderByDescending(m => m.Entry.Document.Views).ThenBy(m => m.Entry.Document.Id, StringComparer.Ordinal),
        _ => matches.OrderByDescending(m => m.Score).ThenBy(m => m.Entry.Document.Id, StringComparer.Ordinal),
    };

    private static bool After(Scored m, SearchCursor? cursor, SearchSort sort)
    {
        if (cursor is null)
        {
            return true;
        }

        var byId = string.CompareOrdinal(m.Entry.Document.Id, cursor.Id) > 0;
        return sort switch
        {
            SearchSort.Newest => Keyset(m.Entry.Document.PublishedAt.UtcTicks / 10 - UnixEpochMicros, cursor.Number, byId),
            SearchSort.Views => Keyset(m.Entry.Document.Views, cursor.Number, byId),
            _ => m.Score < cursor.Score || (m.Score == cursor.Score && byId),
        };
    }

    private static bool Keyset(long value, long last, bool byId) => value < last || (value == last && byId);

    private static SearchCursor CursorOf(Scored m, SearchSort sort, bool fuzzy) => new()
    {
        Sort = sort,
        Fuzzy = fuzzy,
        Score = m.Score,
        Number = sort == SearchSort.Newest ? m.Entry.Document.PublishedAt.UtcTicks / 10 - UnixEpochMicros : m.Entry.Document.Views,
        Id = m.Entry.Document.Id,
    };

    private static readonly long UnixEpochMicros = DateTimeOffset.UnixEpoch.UtcTicks / 10;

    private sealed record Entry(SearchDocument Document)
    {
        public IReadOnlyList<string> Title { get; } = SearchText.Words(Document.Title);
        public IReadOnlyList<string> Tags { get; } = Document.Tags.SelectMany(t => SearchText.Words(t)).ToList();
        public IReadOnlyList<string> Description { get; } = SearchText.Words(Document.Description);
    }

    private sealed record Scored(Entry Entry, double Score);
}
