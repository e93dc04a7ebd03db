namespace VideoPlatform.Grains.Recommendations;

/// <summary>
/// The co-watch rule: a video started after others within the window makes a pair with each of the last
/// <see cref="PairsPerWatch"/> of them, weighted by how close they came (the one just before counts 1, then ½, ⅓). Pure.
/// </summary>
public static class CoWatchPairs
{
    public const int PairsPerWatch = 3;

    /// <param name="history">What the viewer watched before, newest first.</param>
    public static IEnumerable<(string FromId, double Weight)> Of(IEnumerable<(string VideoId, DateTimeOffset At)> history, DateTimeOffset at, TimeSpan window) =>
        history.Where(w => w.At <= at && at - w.At <= window).Take(PairsPerWatch).Select((w, i) => (w.VideoId, 1.0 / (1 + i)));
}
