namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>Chooses the constant output frame rate for a source. Pure.</summary>
public static class FrameRates
{
    private static readonly FrameRate Max = new(60, 1);

    private static readonly FrameRate[] StandardRates =
    [
        new(24000, 1001), new(24, 1), new(25, 1), new(30000, 1001), new(30, 1),
        new(48, 1), new(50, 1), new(60000, 1001), new(60, 1),
    ];

    /// <summary>Keeps a constant rate up to 60 fps; a variable one becomes constant at its average, snapped to a standard rate.</summary>
    public static FrameRate Output(FrameRate source, bool variable)
    {
        if (source.Value > Max.Value)
        {
            return Max;
        }

        return variable ? Standardise(source) : source;
    }

    public static FrameRate Standardise(FrameRate rate)
    {
        var nearest = StandardRates.MinBy(s => Math.Abs(s.Value - rate.Value));
        if (Math.Abs(nearest.Value - rate.Value) <= nearest.Value * 0.03)
        {
            return nearest;
        }

        // Far from every broadcast rate (a 12 fps screen recording): keep its cadence rather than duplicate frames.
        return new FrameRate(Math.Max(1, (int)Math.Round(rate.Value)), 1);
    }
}
