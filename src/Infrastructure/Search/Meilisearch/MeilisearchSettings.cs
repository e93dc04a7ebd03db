namespace VideoPlatform.Infrastructure.Search.Meilisearch;

/// <summary>The <c>VideoPlatform:Search:Meilisearch</c> section.</summary>
public sealed class MeilisearchSettings
{
    /// <summary>Base URL of the server, e.g. http://meilisearch:7700.</summary>
    public string? Url { get; set; }

    /// <summary>A key allowed to create the index, change its settings, write documents and search; empty when the server has no master key.</summary>
    public string? ApiKey { get; set; }

    public string Index { get; set; } = "videos";

    /// <summary>How long a write waits for its task to finish before failing (the server sets no deadline of its own).</summary>
    public TimeSpan TaskTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Documents per request when many are written at once (a reindex).</summary>
    public int BatchSize { get; set; } = 1_000;
}
