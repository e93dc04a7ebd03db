using System.Diagnostics.CodeAnalysis;

namespace VideoPlatform.Grains.Videos;

/// <summary>A snapshot of a video as the grain knows it.</summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.VideoDetails")]
public sealed record VideoDetails
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Title { get; init; }
    [Id(2)] public string Description { get; init; } = "";
    /// <summary>
    /// Always held as its own plain array. The record is immutable, so a caller in the grain's own silo hands it over
    /// as made, and a list from a C# collection expression has a compiler-made type that the stored (typed JSON) state
    /// could not name again when the grain next activates.
    /// </summary>
    [Id(3)] public IReadOnlyList<string> Tags { get; init => field = value.ToArray(); } = [];
    [Id(4)] public Visibility Visibility { get; init; }
    [Id(5)] public string? OwnerId { get; init; }
    [Id(6)] public VideoStatus Status { get; init; }
    [Id(7)] public int Progress { get; init; }
    [Id(8)] public VideoFailure? Failure { get; init; }
    [Id(9)] public SourceInfo? Source { get; init; }
    [Id(10)] public IReadOnlyList<Rendition> Renditions { get; init; } = [];
    [Id(11)] public string? MasterKey { get; init; }
    [Id(12)] public string? PosterKey { get; init; }
    [Id(13)] public string? StoryboardKey { get; init; }
    [Id(14)] public DateTimeOffset CreatedAt { get; init; }
    [Id(15)] public DateTimeOffset UpdatedAt { get; init; }
    [Id(16)] public DateTimeOffset? PublishedAt { get; init; }
    [Id(17)] public string? UploadId { get; init; }
    [Id(18)] public long Version { get; init; }
    [Id(19)] public string? SourceKey { get; init; }

    /// <summary>
    /// Counts changes of <see cref="Visibility"/>: a public video's CDN URLs and the playback tokens of a non-public one
    /// carry it, so none outlives a change, even one that is later undone.
    /// </summary>
    [Id(20)] public int VisibilityRevision { get; init; }

    /// <summary>Its playlists may be served: Ready, or Processing with a ladder already growing in the store.</summary>
    [MemberNotNullWhen(true, nameof(MasterKey))]
    public bool Playable => MasterKey is not null && Status is VideoStatus.Ready or VideoStatus.Processing;
}
