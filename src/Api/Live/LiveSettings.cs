namespace VideoPlatform.Api.Live;

/// <summary>Bound from <c>VideoPlatform:Live</c> (the Api's part of it).</summary>
public sealed class LiveSettings
{
    public const string Section = "VideoPlatform:Live";
    public const string ChannelCreationLimit = "channel-creations";

    /// <summary>The RTMP URL streamers are told to use; empty = rtmp://{the request's host}:{RtmpPort}/live.</summary>
    public string? RtmpPublicUrl { get; set; }

    public int RtmpPort { get; set; } = 1935;

    /// <summary>Channels one user may create per hour (refilled evenly over the hour); over → 429.</summary>
    public int ChannelsPerHour { get; set; } = 20;

    /// <summary>Every out-of-range value, one line each, naming its key.</summary>
    public IEnumerable<string> Problems()
    {
        if (ChannelsPerHour is < 1 or > 100_000)
        {
            yield return $"{Section}:{nameof(ChannelsPerHour)} = {ChannelsPerHour} is not valid; allowed: 1..100000";
        }
    }
}
