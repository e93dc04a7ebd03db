using VideoPlatform.Grains.Channels;

namespace VideoPlatform.Api.Contracts;

public sealed record CreateChannelRequest(string? Name, bool? Record, LatencyMode? LatencyMode);

public sealed record UpdateChannelRequest(string? Name, bool? Record, LatencyMode? LatencyMode, bool? Disabled);

public sealed record ChannelLiveResponse(string SessionId, DateTimeOffset StartedAt, int Width, int Height, long Bitrate, int Viewers, bool Reconnecting);

public sealed record ChannelPlaybackResponse(string Hls);

public sealed record ChannelSettingsResponse(bool Record, LatencyMode LatencyMode);

public sealed record IngestResponse(string Rtmp);

public sealed record ChannelResponse
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public OwnerResponse? Owner { get; init; }
    public required ChannelStatus Status { get; init; }

    /// <summary>Only while disabled: "owner" (the owner may enable it again) or "admin" (a moderation only an admin lifts).</summary>
    public string? DisabledBy { get; init; }

    public ChannelLiveResponse? Live { get; init; }
    public required ChannelPlaybackResponse Playback { get; init; }
    public required ChannelSettingsResponse Settings { get; init; }
    public required IReadOnlyList<string> Recordings { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Only in the create response.</summary>
    public string? StreamKey { get; init; }

    /// <summary>Only in the create response.</summary>
    public IngestResponse? Ingest { get; init; }
}

public sealed record StreamKeyResponse(string StreamKey, IngestResponse Ingest);
