namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>
/// What a source may declare before any encode starts. The picture bounds hold for the coded and the displayed size,
/// either way round (a portrait 4320 x 8192 is as large as a landscape 8192 x 4320).
/// </summary>
public sealed record ProbeLimits(TimeSpan MaxDuration, int MaxWidth = ProbeLimits.DefaultMaxWidth, int MaxHeight = ProbeLimits.DefaultMaxHeight)
{
    public const int DefaultMaxWidth = 8192;
    public const int DefaultMaxHeight = 4320;

    public bool Fits(int width, int height) =>
        Math.Max(width, height) <= MaxWidth && Math.Min(width, height) <= MaxHeight;
}
