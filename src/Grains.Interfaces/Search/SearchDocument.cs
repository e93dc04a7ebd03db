using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Grains.Search;

/// <summary>What the index knows of one searchable video; <see cref="Version"/> is the video grain's version.</summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.SearchDocument")]
public sealed record SearchDocument
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public long Version { get; init; }
    [Id(2)] public string Title { get; init; } = "";
    [Id(3)] public string Description { get; init; } = "";
    [Id(4)] public IReadOnlyList<string> Tags { get; init; } = [];
    [Id(5)] public string? OwnerId { get; init; }
    [Id(6)] public double DurationSeconds { get; init; }
    /// <summary>When it became Ready (its creation time if unknown): the <c>newest</c> sort and the <c>uploaded</c> filter.</summary>
    [Id(7)] public DateTimeOffset PublishedAt { get; init; }
    [Id(8)] public long Views { get; init; }

    /// <summary>Only public Ready videos are ever searchable.</summary>
    public static bool IsSearchable(VideoDetails video) => video is { Status: VideoStatus.Ready, Visibility: Visibility.Public };

    public static SearchDocument From(VideoDetails video, long views) => new()
    {
        Id = video.Id,
        Version = video.Version,
        Title = video.Title,
        Description = video.Description,
        Tags = [.. video.Tags],
        OwnerId = video.OwnerId,
        DurationSeconds = video.Source?.DurationSeconds ?? 0,
        PublishedAt = video.PublishedAt ?? video.CreatedAt,
        Views = views,
    };
}
