namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>One rendition of the ladder. Bitrates are in kbit/s; <see cref="AudioBitrateKbps"/> is unused without audio.</summary>
public sealed record Rung(
    string Name,
    int Width,
    int Height,
    int VideoBitrateKbps,
    int MaxrateKbps,
    int BufsizeKbps,
    string Profile,
    int AudioBitrateKbps);

/// <summary>The whole ladder: rungs from the highest down, sharing one frame rate and keyframe cadence.</summary>
public sealed record LadderPlan(IReadOnlyList<Rung> Rungs, FrameRate FrameRate, int GopFrames, bool HasAudio)
{
    public const int SegmentSeconds = 4;
}
