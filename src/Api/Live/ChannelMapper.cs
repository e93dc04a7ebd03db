using Microsoft.Extensions.Options;
using VideoPlatform.Api.Contracts;
using VideoPlatform.Grains.Channels;

namespace VideoPlatform.Api.Live;

/// <summary>Channel grain snapshot → public JSON shape (../shared/API.md, Live).</summary>
public sealed class ChannelMapper(IOptions<LiveSettings> options)
{
    public ChannelResponse Map(ChannelDetails c) => new()
    {
        Id = c.Id,
        Name = c.Name,
        Owner = c.OwnerId is null ? null : new OwnerResponse(c.OwnerId, null),
        // Publicly an interrupted channel is live (with live.interrupted set): its viewers keep the window.
        Status = ChannelStateMachine.HasSession(c.Status) ? ChannelStatus.Live : c.Status,
        DisabledBy = c.Status != ChannelStatus.Disabled ? null : c.Moderated ? "admin" : "owner",
        Live = ChannelStateMachine.HasSession(c.Status) && c.Live is { } s
            ? new ChannelLiveResponse(s.SessionId, s.StartedAt, s.Media?.Width ?? 0, s.Media?.Height ?? 0, s.Media?.Bitrate ?? 0, c.Viewers, c.Status == ChannelStatus.Interrupted)
            : null,
        Playback = new ChannelPlaybackResponse($"/live/{c.Id}/master.m3u8"),
        Settings = new ChannelSettingsResponse(c.Settings.Record, c.Settings.LatencyMode),
        Recordings = c.Recordings,
        CreatedAt = c.CreatedAt,
        UpdatedAt = c.UpdatedAt,
    };

    public IngestResponse Ingest(HttpContext context)
    {
        var settings = options.Value;
        return new IngestResponse(string.IsNullOrWhiteSpace(settings.RtmpPublicUrl)
            ? $"rtmp://{context.Request.Host.Host}:{settings.RtmpPort}/live"
            : settings.RtmpPublicUrl.TrimEnd('/'));
    }
}
