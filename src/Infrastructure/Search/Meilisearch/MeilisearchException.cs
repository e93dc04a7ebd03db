namespace VideoPlatform.Infrastructure.Search.Meilisearch;

/// <summary>Meilisearch refused a request or a task failed; <see cref="Code"/> is its error code (e.g. index_not_found).</summary>
public sealed class MeilisearchException(string code, string message, int? status = null) : Exception($"Meilisearch {code}: {message}")
{
    public string Code { get; } = code;

    public int? Status { get; } = status;
}
