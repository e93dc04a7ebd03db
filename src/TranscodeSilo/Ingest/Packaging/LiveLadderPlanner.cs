namespace VideoPlatform.TranscodeSilo.Ingest.Packaging;

/// <summary>
/// Plans the live ladder. Pure. The source rung is passed through when it is H.264 (re-encoded otherwise);
/// a source of 720p or more also gets 480p and 240p rungs, so viewers on slow links can still watch.
/// </summary>
public static class LiveLadderPlanner
{
    public const string SourceRung = "source";
    private const int LowerRungsFrom = 720;
    private const int DefaultSourceKbps = 3000;
    private static readonly (int ShortSide, int Kbps)[] Lower = [(480, 1200), (240, 400)];

    public static LiveLadder Plan(LiveSource source, int segmentSeconds)
    {
        var shortSide = Math.Min(source.Width, source.Height);
        var sourceKbps = source.VideoKbps > 0 ? source.VideoKbps : DefaultSourceKbps;
        var rungs = new List<LiveRung> { new(SourceRung, source.Width, source.Height, source.VideoIsAvc, sourceKbps) };
        if (shortSide >= LowerRungsFrom)
        {
            var landscape = source.Width >= source.Height;
            foreach (var (side, kbps) in Lower)
            {
                var longSide = Even((double)side * Math.Max(source.Width, source.Height) / shortSide);
                rungs.Add(new LiveRung($"{side}p", landscape ? longSide : side, landscape ? side : longSide, Copy: false, kbps));
            }
        }

        var audioKbps = source.AudioIsAac && source.AudioKbps > 0 ? source.AudioKbps : 128;
        return new LiveLadder(rungs, source.HasAudio, source.AudioIsAac, audioKbps, segmentSeconds);
    }

    private static int Even(double value) => Math.Max(2, (int)Math.Round(value / 2, MidpointRounding.AwayFromZero) * 2);
}
