using VideoPlatform.Grains.Analytics;
using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Grains.Recommendations;

/// <summary>
/// Which of a list of videos are public and Ready, with their details and views, for the home feed: each worker keeps
/// a video's answer for <see cref="Lifetime"/>, so a feed costs one call here instead of two per video shown, and all
/// callers of a silo share the few grain calls per hot video and second.
/// </summary>
[StatelessWorker]
[Reentrant]
public sealed class ShownVideosGrain(TimeProvider time) : Grain, IShownVideosGrain
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);
    private const int SweepAbove = 4096;
    private readonly Dictionary<string, (Task<ShownVideo?> Answer, DateTimeOffset At)> answers = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<ShownVideo>> Public(IReadOnlyList<string> videoIds)
    {
        var now = time.GetUtcNow();
        if (answers.Count > SweepAbove)
        {
            foreach (var stale in answers.Where(a => now - a.Value.At > Lifetime).Select(a => a.Key).ToList())
            {
                answers.Remove(stale);
            }
        }

        var pending = videoIds.Select(id => Answer(id, now)).ToList();
        var shown = await Task.WhenAll(pending);
        return [.. shown.OfType<ShownVideo>()];
    }

    private Task<ShownVideo?> Answer(string videoId, DateTimeOffset now)
    {
        if (answers.TryGetValue(videoId, out var held) && now - held.At <= Lifetime && !held.Answer.IsFaulted)
        {
            return held.Answer;
        }

        var answer = FetchAsync(videoId);
        answers[videoId] = (answer, now);
        return answer;
    }

    private async Task<ShownVideo?> FetchAsync(string videoId)
    {
        var details = await GrainFactory.GetGrain<IVideoGrain>(videoId).Get();
        if (details is not { Status: VideoStatus.Ready, Visibility: Visibility.Public })
        {
            return null;
        }

        return new ShownVideo(details, await GrainFactory.GetGrain<IVideoStatsGrain>(videoId).GetViews());
    }
}
