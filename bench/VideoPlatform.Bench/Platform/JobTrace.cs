using VideoPlatform.Bench.Measure;
using VideoPlatform.Bench.Report;

namespace VideoPlatform.Bench.Platform;

/// <summary>What was seen of one job from outside the media silo, all on the suite's clock (seconds).</summary>
public sealed record JobObservation(
    double Uploaded, double ProcessingSeen, double ReadySeen, IReadOnlyList<ChildRun> Children, double? LastObjectWritten, double SiloCpuSeconds);

/// <summary>
/// Splits the media silo's job (Processing to Ready) into stages without instrumenting it: the tool processes it
/// runs (from /proc), the objects it writes (the FileSystem store's file times) and the video's status through the
/// Api (polled every 50 ms). Stage edges are accurate to the 20 ms /proc sampling and the 50 ms status polling.
/// </summary>
public static class JobTrace
{
    private const string Proc = "/proc: media silo's children";

    public static List<(string Stage, double Seconds, double? Cpu, string Source)> Stages(JobObservation o)
    {
        var stages = new List<(string, double, double?, string)>();
        var tools = o.Children.Where(c => c.Kind is not "live").ToList();
        var first = tools.FirstOrDefault();
        var encode = tools.FirstOrDefault(c => c.Kind == "encode");
        // The encode writes the poster and the storyboard tiles too; one small ffmpeg then lays the tiles out.
        var sprite = tools.LastOrDefault(c => c.Kind == "storyboard");
        stages.Add(("queue wait (upload done to job start: enqueue, wake-up of the waiting worker, lease)", o.ProcessingSeen - o.Uploaded, null, "video status via the Api"));
        if (first is null || encode is null || sprite is null)
        {
            stages.Add(("job (no tool processes seen: not split)", o.ReadySeen - o.ProcessingSeen, null, "video status via the Api"));
            return stages;
        }

        var probes = tools.Where(c => c.FirstSeen < encode.FirstSeen).ToList();
        stages.Add(("source: SHA-256 of the stored file in place (FileSystem) or download (S3)", first.FirstSeen - o.ProcessingSeen, null, "status, then " + Proc));
        stages.Add(($"probe: {probes.Count} ffprobe run(s)", encode.FirstSeen - first.FirstSeen, probes.Sum(c => c.CpuSeconds), Proc));
        stages.Add(("encode (one ffmpeg: every rung, poster, storyboard tiles)", encode.LastSeen - encode.FirstSeen, encode.CpuSeconds, Proc));
        stages.Add(("coverage check + rendition finishing + master playlist", sprite.FirstSeen - encode.LastSeen, null, Proc));
        stages.Add(("storyboard sprite (one small ffmpeg over the tiles)", sprite.LastSeen - sprite.FirstSeen, sprite.CpuSeconds, Proc));
        if (o.LastObjectWritten is { } written)
        {
            stages.Add(("publish: files into the object store", written - sprite.LastSeen, null, Proc + " + object file times"));
            stages.Add(("grain round trip: Succeed, video Ready, seen via the Api", o.ReadySeen - written, null, "object file times + status"));
        }
        else
        {
            stages.Add(("publish + grain round trip (store not on disk: not split)", o.ReadySeen - sprite.LastSeen, null, Proc + " + status"));
        }

        stages.Add(("media silo process itself (download, hashing, copies, grain calls): CPU", 0, o.SiloCpuSeconds, "/proc: silo utime+stime"));
        return stages;
    }

    /// <summary>Medians per stage over the runs (stages keep the first run's order).</summary>
    public static IReadOnlyList<TraceStage> Median(IReadOnlyList<JobObservation> runs)
    {
        var all = runs.Select(Stages).ToList();
        return all[0].Select(s => s.Stage).Distinct().Select(stage =>
        {
            var rows = all.SelectMany(r => r.Where(x => x.Stage == stage)).ToList();
            var cpu = rows.Where(r => r.Cpu is not null).Select(r => r.Cpu!.Value).ToList();
            return new TraceStage(stage, Math.Max(0, Summary.Of(rows.Select(r => r.Seconds).ToList()).Median), cpu.Count > 0 ? Summary.Of(cpu).Median : null, rows[0].Source);
        }).ToList();
    }
}
