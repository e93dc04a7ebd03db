using Npgsql;
using NpgsqlTypes;
using VideoPlatform.Grains.Search;

namespace VideoPlatform.Bench.Search;

/// <summary>
/// A synthetic catalog for figure 8a: made-up words built from syllables, drawn with a skewed (Zipf-like) frequency
/// into titles, tags and descriptions, and written straight into the search tables with COPY (no uploads). The
/// same seed gives the same corpus, so runs compare.
/// </summary>
public sealed class SearchCorpus
{
    private static readonly string[] Syllables =
    [
        "ka", "ro", "mi", "tan", "sco", "ding", "ver", "lo", "pel", "ar", "net", "bu", "qui", "den", "sal", "tor", "fi", "gra",
        "mon", "zu", "ple", "stra", "ck", "vi", "dro", "lin", "pa", "set", "hu", "mar", "ti", "cle", "on", "bri", "go", "nes",
    ];

    private readonly Random random = new(8);

    public IReadOnlyList<string> Vocabulary { get; }

    public IReadOnlyList<SearchDocument> Documents { get; }

    public SearchCorpus(int documents, DateTimeOffset now)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (words.Count < 20_000)
        {
            words.Add(string.Concat(Enumerable.Range(0, random.Next(2, 5)).Select(_ => Syllables[random.Next(Syllables.Length)])));
        }

        Vocabulary = [.. words];
        Documents = Enumerable.Range(0, documents).Select(i => new SearchDocument
        {
            Id = $"bench{i:000000}",
            Version = 1,
            Title = Sentence(random.Next(3, 8)),
            Description = Sentence(random.Next(15, 41)),
            Tags = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Vocabulary[random.Next(300)]).Distinct().ToArray(),
            OwnerId = $"owner{random.Next(2_000)}",
            DurationSeconds = random.Next(20, 3_600),
            PublishedAt = now.AddMinutes(-random.Next(3 * 365 * 24 * 60)),
            Views = (long)(10_000 * Math.Pow(random.NextDouble(), 4)),
        }).ToList();
    }

    /// <summary>A word of the corpus, frequent ones far more often than rare ones.</summary>
    public string Word() => Vocabulary[(int)(Vocabulary.Count * Math.Pow(random.NextDouble(), 2.5))];

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public int Next(int min, int max) => random.Next(min, max);

    private string Sentence(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => Word()));

    /// <summary>Writes every document and the vocabulary with COPY, then vacuums and refreshes the planner's statistics.</summary>
    public async Task SeedAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY vp_search_documents (id, version, searchable, title, description, tags, tags_text, owner_id, duration_seconds, published_at, views) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var d in Documents)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(d.Id, NpgsqlDbType.Text);
                await copy.WriteAsync(d.Version, NpgsqlDbType.Bigint);
                await copy.WriteAsync(true, NpgsqlDbType.Boolean);
                await copy.WriteAsync(d.Title, NpgsqlDbType.Text);
                await copy.WriteAsync(d.Description, NpgsqlDbType.Text);
                await copy.WriteAsync(d.Tags.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await copy.WriteAsync(string.Join(' ', d.Tags), NpgsqlDbType.Text);
                await copy.WriteAsync(d.OwnerId!, NpgsqlDbType.Text);
                await copy.WriteAsync(d.DurationSeconds, NpgsqlDbType.Double);
                await copy.WriteAsync(d.PublishedAt, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(d.Views, NpgsqlDbType.Bigint);
            }

            await copy.CompleteAsync();
        }

        await using (var words = await connection.BeginBinaryImportAsync("COPY vp_search_words (word) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var word in Documents.SelectMany(SearchText.Vocabulary).Distinct(StringComparer.Ordinal))
            {
                await words.WriteRowAsync(default, word);
            }

            await words.CompleteAsync();
        }

        // VACUUM as autovacuum would soon after such a load: it marks the pages all-visible, which index-only scans need.
        await using var analyze = new NpgsqlCommand("VACUUM ANALYZE vp_search_documents, vp_search_candidates, vp_search_words", connection);
        analyze.CommandTimeout = 600;
        await analyze.ExecuteNonQueryAsync();
    }
}
