using VideoPlatform.Grains.Recommendations;
using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Api.Contracts;

public sealed record CreateVideoRequest(string? Title, string? Description, IReadOnlyList<string>? Tags, Visibility? Visibility);

public sealed record UpdateVideoRequest(string? Title, string? Description, IReadOnlyList<string>? Tags, Visibility? Visibility);

public sealed record OwnerResponse(string Id, string? Username);

public sealed record FailureResponse(string Code, string Message);

public sealed record SourceResponse(int Width, int Height, double FrameRate, string VideoCodec, string? AudioCodec, long Size);

public sealed record RenditionResponse(string Name, int Width, int Height, int Bitrate, double FrameRate);

public sealed record PlaybackResponse(string Hls, string? Poster, string? Storyboard);

public sealed record UploadInstructions(string TusEndpoint, IReadOnlyDictionary<string, string> Metadata, string SourceEndpoint);

public record VideoResponse
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    public required Visibility Visibility { get; init; }
    public OwnerResponse? Owner { get; init; }
    public required VideoStatus Status { get; init; }
    public required int Progress { get; init; }
    public FailureResponse? Failure { get; init; }
    public double? Duration { get; init; }
    public SourceResponse? Source { get; init; }
    public required IReadOnlyList<RenditionResponse> Renditions { get; init; }
    /// <summary>
    /// Present when ready, and already while processing once the first segments of every rendition are published: the
    /// HLS playlists then grow (EVENT) and poster and storyboard come with ready.
    /// </summary>
    public PlaybackResponse? Playback { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public UploadInstructions? Upload { get; init; }
    /// <summary>Counted views (one per session that watched 10 s); present once the video can be played.</summary>
    public long? Views { get; init; }
    /// <summary>Why the home feed shows it (subscription, related, trending, fresh); absent elsewhere.</summary>
    public RecommendationReason? Reason { get; init; }
}

public sealed record PageResponse<T>(IReadOnlyList<T> Items, string? NextCursor);
