namespace VideoPlatform.Api.Contracts;

/// <summary>A list without paging: related videos, the home feed.</summary>
public sealed record ItemsResponse<T>(IReadOnlyList<T> Items);
