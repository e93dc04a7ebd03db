using VideoPlatform.Grains.Search;

namespace VideoPlatform.Tests.Infrastructure.Search;

/// <summary>The in-memory provider (the engine the index grain holds) against the search contract.</summary>
[Trait("Category", "Unit")]
public sealed class InMemorySearchEngineTests : SearchIndexContract
{
    protected override Task<ISearchIndex> CreateAsync() => Task.FromResult<ISearchIndex>(new EngineIndex(new InMemorySearchEngine(1_000)));

    [Fact]
    public void Upsert_BeyondTheBound_IsRefused()
    {
        var engine = new InMemorySearchEngine(2);
        Assert.True(engine.Upsert(new SearchDocument { Id = "a", Title = "one" }));
        Assert.True(engine.Upsert(new SearchDocument { Id = "b", Title = "two" }));
        Assert.False(engine.Upsert(new SearchDocument { Id = "c", Title = "three" }));
        Assert.True(engine.Upsert(new SearchDocument { Id = "a", Title = "one again", Version = 2 }));
        Assert.Equal(2, engine.Count);
    }

    private sealed class EngineIndex(InMemorySearchEngine engine) : ISearchIndex
    {
        public Task UpsertAsync(IReadOnlyList<SearchDocument> documents, CancellationToken cancellationToken = default)
        {
            foreach (var d in documents)
            {
                engine.Upsert(d);
            }

            return Task.CompletedTask;
        }

        public Task RemoveAsync(string videoId, long version, CancellationToken cancellationToken = default)
        {
            engine.Remove(videoId, version);
            return Task.CompletedTask;
        }

        public Task SetViewsAsync(string videoId, long views, CancellationToken cancellationToken = default)
        {
            engine.SetViews(videoId, views);
            return Task.CompletedTask;
        }

        public Task<SearchPage> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default) => Task.FromResult(engine.Search(query));

        public Task<IReadOnlyList<string>> SuggestAsync(string text, int limit, CancellationToken cancellationToken = default) =>
            Task.FromResult(engine.Suggest(text, limit));
    }
}
