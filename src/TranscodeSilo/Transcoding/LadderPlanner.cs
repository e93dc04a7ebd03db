namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>Plans the HLS ladder from a probed source. Pure.</summary>
public static class LadderPlanner
{
    private static readonly (int ShortSide, int BitrateKbps)[] Standard =
    [
        (1080, 5000), (720, 2800), (480, 1400), (360, 800), (240, 400),
    ];

    // A source a few lines short of a rung (1278x718, a cropped 1920x1036) still gets that rung, at its own size,
    // rather than dropping to the next rung down and losing a third of its resolution.
    private const double RungTolerance = 0.9;

    public static LadderPlan Plan(SourceInfo source)
    {
        var rate = FrameRates.Output(source.FrameRate, source.IsVariableFrameRate);
        var highRate = rate.Value > 30.5;
        var shortSide = Math.Min(source.Width, source.Height);
        var rungs = new List<Rung>();
        foreach (var (height, bitrate) in Standard)
        {
            if (shortSide >= height * RungTolerance)
            {
                rungs.Add(Build(height, Math.Min(height, shortSide), bitrate, source, highRate));
            }
        }

        if (rungs.Count == 0)
        {
            var own = EvenDown(shortSide);
            rungs.Add(Build(own, own, Standard[^1].BitrateKbps, source, highRate));
        }

        return new LadderPlan(rungs, rate, (int)Math.Round(rate.Value * 2), source.HasAudio);
    }

    private static Rung Build(int nominal, int shortSide, int baseBitrate, SourceInfo source, bool highRate)
    {
        var size = EvenDown(shortSide);
        var landscape = source.Width >= source.Height;
        var sourceLong = Math.Max(source.Width, source.Height);
        var longSide = Math.Min(EvenDown(sourceLong), Even((double)size * sourceLong / Math.Min(source.Width, source.Height)));
        var bitrate = highRate ? baseBitrate * 3 / 2 : baseBitrate;
        return new Rung(
            $"{nominal}p",
            landscape ? longSide : size,
            landscape ? size : longSide,
            bitrate,
            bitrate * 11 / 10,
            bitrate * 2,
            nominal >= 720 ? "high" : "main",
            nominal >= 480 ? 128 : 96);
    }

    // Rounding down keeps the short side from growing past the source's own lines.
    private static int EvenDown(int value) => Math.Max(2, value / 2 * 2);

    // Nearest even number, at least 2: H.264 with 4:2:0 chroma needs even dimensions.
    private static int Even(double value) => Math.Max(2, (int)Math.Round(value / 2, MidpointRounding.AwayFromZero) * 2);
}
