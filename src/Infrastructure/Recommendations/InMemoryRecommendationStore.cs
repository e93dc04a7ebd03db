using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using VideoPlatform.Grains.Recommendations;

namespace VideoPlatform.Infrastructure.Recommendations;

/// <summary>
/// The store when the platform runs without PostgreSQL (development, tests): one per silo, lost on restart, with the
/// same bounds as the grains (edges per video, documents).
/// </summary>
public sealed class InMemoryRecommendationStore(IOptions<RecommendationSettings> options) : IRecommendationStore
{
    private readonly RecommendationSettings settings = options.Value.Bounded();
    private readonly Lock gate = new();
    private readonly Dictionary<string, IReadOnlyList<CoWatchEdge>> edgesFrom = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ContentDocument> documents = new(StringComparer.Ordinal);

    public Task ReplaceEdgesAsync(string fromId, IReadOnlyList<CoWatchEdge> edges, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            edgesFrom[fromId] = edges.OrderByDescending(e => e.Weight).Take(settings.MaxEdgesPerVideo).ToList();
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<CoWatchEdge>> ReadEdgesAsync(string fromId, int limit, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<CoWatchEdge>>(edgesFrom.GetValueOrDefault(fromId)?.Take(limit).ToList() ?? []);
        }
    }

    public Task<IReadOnlyList<string>> ReadSourcesAsync(string toId, int limit, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<string>>(edgesFrom.Where(e => e.Value.Any(x => x.ToId == toId)).Select(e => e.Key).Take(limit).ToList());
        }
    }

    public Task UpsertDocumentAsync(ContentDocument document, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (documents.TryGetValue(document.VideoId, out var held) && held.Version > document.Version)
            {
                return Task.CompletedTask;
            }

            documents[document.VideoId] = document;
            if (documents.Count > settings.MaxDocuments)
            {
                documents.Remove(documents.Values.MinBy(d => d.CreatedAt)!.VideoId);
            }
        }

        return Task.CompletedTask;
    }

    public Task RemoveVideoAsync(string videoId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            documents.Remove(videoId);
            edgesFrom.Remove(videoId);
            foreach (var (from, list) in edgesFrom.Where(e => e.Value.Any(x => x.ToId == videoId)).ToList())
            {
                edgesFrom[from] = list.Where(x => x.ToId != videoId).ToList();
            }
        }

        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<ContentDocument> ReadDocumentsAsync(int limit, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<ContentDocument> snapshot;
        lock (gate)
        {
            snapshot = documents.Values.OrderByDescending(d => d.CreatedAt).Take(limit).ToList();
        }

        foreach (var document in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return document;
            await Task.CompletedTask;
        }
    }
}
