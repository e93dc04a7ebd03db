namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>Layout of the storyboard sprite: one tile per interval, left to right, top to bottom.</summary>
public sealed record StoryboardPlan(int IntervalSeconds, int TileWidth, int TileHeight, int Columns, int Rows, int Count, TimeSpan Duration)
{
    public const int TileLongSide = 160;
    public const int MaxColumns = 10;
    public const int MaxTiles = 200;

    /// <summary>Pure: the gap grows for long videos so the sprite never exceeds <see cref="MaxTiles"/> tiles.</summary>
    public static StoryboardPlan For(SourceInfo source, TimeSpan minInterval)
    {
        var seconds = Math.Max(1.0, source.Duration.TotalSeconds);
        var interval = (int)Math.Max(Math.Ceiling(minInterval.TotalSeconds), Math.Ceiling(seconds / MaxTiles));
        interval = Math.Max(1, interval);
        var count = Math.Max(1, (int)Math.Ceiling(seconds / interval));
        var columns = Math.Min(MaxColumns, count);
        var rows = (count + columns - 1) / columns;
        var landscape = source.Width >= source.Height;
        var shortSide = Math.Max(2, (int)Math.Round((double)TileLongSide * Math.Min(source.Width, source.Height)
            / Math.Max(source.Width, source.Height) / 2) * 2);
        return landscape
            ? new StoryboardPlan(interval, TileLongSide, shortSide, columns, rows, count, source.Duration)
            : new StoryboardPlan(interval, shortSide, TileLongSide, columns, rows, count, source.Duration);
    }
}
