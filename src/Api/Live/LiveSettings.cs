namespace VideoPlatform.Api.Live;

/// <summary>Bound from <c>VideoPlatform:Live</c> (the Api's part of it).</summary>
public sealed class LiveSettings
{
    public const string Section = "VideoPlatform:Live";

    /// <summary>The RTMP URL streamers are told to use; empty = rtmp://{the request's host}:{RtmpPort}/live.</summary>
    public string? RtmpPublicUrl { get; set; }

    public int RtmpPort { get; set; } = 1935;
}
