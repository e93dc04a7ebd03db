using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using VideoPlatform.Bench.Measure;
using VideoPlatform.Bench.Platform;
using VideoPlatform.Bench.Report;
using VideoPlatform.Bench.Tools;
using VideoPlatform.Bench.Transcode;

namespace VideoPlatform.Bench.Webhooks;

/// <summary>
/// Figure 7c: a receiver on loopback subscribes to video.ready; short clips are uploaded one after another and each
/// delivery's delay is its arrival minus the event's createdAt (the moment the video grain turned Ready, same clock).
/// The path measured: durable stream (ADO.NET, its poll interval) → consumer → owner → endpoint grain → signed POST.
/// Its own platform, started with private targets allowed (the receiver is on 127.0.0.1).
/// </summary>
public static class WebhookDelayBench
{
    private const string Name = "7c Webhooks: delay from video.ready to the signed POST arriving, p95";

    private static readonly string[] ReadyOnly = ["video.ready"];

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchOptions options, Workspace work) => await Guard.RunAsync(async () =>
    {
        var arrivals = new ConcurrentQueue<(DateTimeOffset CreatedAt, DateTimeOffset ArrivedAt)>();
        await using var receiver = await StartReceiverAsync(arrivals);
        var environment = new Dictionary<string, string> { ["VideoPlatform__Webhooks__AllowPrivateTargets"] = "true" };
        await using var platform = await PlatformProcess.StartAsync(options, TimeSpan.FromSeconds(180), environment);
        using var api = new ApiClient(platform.Api);
        await api.SignInAsync();
        var url = receiver.Urls.First() + "/hook";
        using (var created = await api.Http.PostAsJsonAsync(new Uri("/api/webhooks", UriKind.Relative), new { url, events = ReadyOnly }))
        {
            created.EnsureSuccessStatusCode();
        }

        var clip = await TestClip.Generate1080pAsync(work.Folder("clips"), 2);
        await using var landing = await SourceLanding.CreateAsync(api, platform);
        var count = options.WebhookVideos;
        for (var i = 0; i < count; i++)
        {
            var id = await api.CreateVideoAsync($"bench webhook {i + 1}");
            await landing.LandAsync(id, clip);
            // One at a time: a video turns Ready while the next one is encoding, as on a busy platform.
            await WaitAsync(() => arrivals.Count > i, TimeSpan.FromMinutes(3));
        }

        var delays = arrivals.Select(a => (a.ArrivedAt - a.CreatedAt).TotalSeconds).Order().ToList();
        var p95 = Percentile(delays, 0.95);
        Say.Line($"webhooks: {delays.Count} deliveries, p50 {Say.Number(Percentile(delays, 0.5))} s, p95 {Say.Number(p95)} s");
        return [new Figure
        {
            Id = "7c",
            Name = Name,
            Unit = "s",
            MeasuredLabel = $"p95 of {delays.Count}",
            Measured = Summary.Of([p95]),
            Goal = Goal.MeasuredAtMost(2, "s"),
            Details = new Dictionary<string, double>
            {
                ["deliveries"] = delays.Count,
                ["p50_s"] = Percentile(delays, 0.5),
                ["max_s"] = delays[^1],
                ["min_s"] = delays[0],
            },
            Note = "./vp up's durable streams (Streams:PollInterval 0.5 s) and PostgreSQL grain storage; each delay from the Ready transition's timestamp to the receiver reading the POST",
        }];
    }, ("7c", Name));

    private static async Task<WebApplication> StartReceiverAsync(ConcurrentQueue<(DateTimeOffset, DateTimeOffset)> arrivals)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            arrivals.Enqueue((body.RootElement.GetProperty("createdAt").GetDateTimeOffset(), TimeProvider.System.GetUtcNow()));
            return Results.NoContent();
        });
        await app.StartAsync();
        return app;
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"no webhook within {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(50);
        }
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
