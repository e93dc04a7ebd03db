using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using VideoPlatform.Bench.Measure;
using VideoPlatform.Bench.Report;
using VideoPlatform.Bench.Tools;
using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Bench.Grains;

/// <summary>
/// Figure 5c, for reference: IVideoGrain.Get calls per second against a general silo hosted in this process
/// (the platform's own silo wiring, localhost clustering, in-memory providers), 64 callers at once.
/// </summary>
public static class GrainCallsBench
{
    private const int Callers = 64;

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchOptions options, Workspace work)
    {
        await using var app = await InProcessSilo.StartAsync(work);
        try
        {
            var grains = app.Services.GetRequiredService<IGrainFactory>();
            var video = grains.GetGrain<IVideoGrain>("benchgrain01");
            await video.Create(new CreateVideo { Title = "bench" });
            await CallsPerSecondAsync(video, TimeSpan.FromSeconds(0.5));
            var rates = new List<double>();
            for (var i = 0; i < 3; i++)
            {
                rates.Add(await CallsPerSecondAsync(video, options.GrainCallsDuration));
                Say.Line($"grain calls {i + 1}/3: {Say.Number(rates[^1], "0")} calls/s");
            }

            return
            [
                new Figure
                {
                    Id = "5c",
                    Name = "5c Orleans grain calls/s in-process (IVideoGrain.Get, 64 callers), reference",
                    Unit = "calls/s",
                    MeasuredLabel = "in-process silo",
                    Measured = Summary.Of(rates),
                },
            ];
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static async Task<double> CallsPerSecondAsync(IVideoGrain video, TimeSpan duration)
    {
        long calls = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                await video.Get();
                Interlocked.Increment(ref calls);
            }
        }));
        return calls / clock.Elapsed.TotalSeconds;
    }

}
