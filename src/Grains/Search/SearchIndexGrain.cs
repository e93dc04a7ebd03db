using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace VideoPlatform.Grains.Search;

/// <summary>
/// The in-memory search index (<see cref="InMemorySearchEngine"/>) in one grain, for running without PostgreSQL. Not
/// persisted: after a restart, events rebuild what changes and <c>./vp search reindex</c> rebuilds the rest.
/// </summary>
public sealed class SearchIndexGrain(IOptions<InMemorySearchSettings> settings, ILogger<SearchIndexGrain> logger) : Grain, ISearchIndexGrain
{
    private readonly InMemorySearchEngine engine = new(settings.Value.MaxDocuments);

    public Task Upsert(IReadOnlyList<SearchDocument> documents)
    {
        foreach (var document in documents)
        {
            if (!engine.Upsert(document))
            {
                logger.LogWarning("In-memory search index full ({Max} documents): video {VideoId} not indexed", engine.MaxDocuments, document.Id);
            }
        }

        return Task.CompletedTask;
    }

    public Task Remove(string videoId, long version)
    {
        engine.Remove(videoId, version);
        return Task.CompletedTask;
    }

    public Task SetViews(string videoId, long views)
    {
        engine.SetViews(videoId, views);
        return Task.CompletedTask;
    }

    public Task<SearchPage> Search(SearchQuery query) => Task.FromResult(engine.Search(query));

    public Task<IReadOnlyList<string>> Suggest(string text, int limit) => Task.FromResult(engine.Suggest(text, limit));
}
