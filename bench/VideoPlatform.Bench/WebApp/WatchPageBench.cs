using Microsoft.Playwright;
using VideoPlatform.Bench.Measure;
using VideoPlatform.Bench.Platform;
using VideoPlatform.Bench.Report;

namespace VideoPlatform.Bench.WebApp;

/// <summary>
/// Figures 9a and 9b: the web app's watch page of a Ready video in headless Chromium (the system's package), each load
/// in a fresh browser context (an empty cache): when the first picture is shown, and how many bytes came over the
/// wire before the first media segment was requested.
/// </summary>
public static class WatchPageBench
{
    public const int Loads = 5;

    // The page marks its first shown frame (requestVideoFrameCallback); transferSize counts headers and the
    // compressed body of each response, so it is what crossed the loopback.
    private const string Measure = """
        () => {
          const frame = performance.getEntriesByName('vp:first-frame')[0].startTime;
          const page = performance.getEntriesByType('navigation')[0];
          const resources = performance.getEntriesByType('resource');
          const segment = Math.min(...resources.filter(r => /\.(m4s|ts)(\?|$)/.test(r.name)).map(r => r.startTime));
          const before = resources.filter(r => r.startTime < segment);
          return [frame, page.transferSize + before.reduce((sum, r) => sum + r.transferSize, 0), before.length + 1];
        }
        """;

    public static async Task<IReadOnlyList<Figure>> RunAsync(PlatformProcess platform, string videoId)
    {
        var chromium = Environment.GetEnvironmentVariable("VP_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            return NotMeasured("chromium is not installed (apt-get install chromium, or set VP_CHROMIUM)");
        }

        using (var http = new HttpClient())
        using (var root = await http.GetAsync(platform.Api))
        {
            if (root.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
            {
                return NotMeasured("the web app is not built (Node.js was missing at build time)");
            }
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--autoplay-policy=no-user-gesture-required", "--mute-audio"],
        });
        var seconds = new List<double>();
        var kilobytes = new List<double>();
        var requests = 0.0;
        // One load first, not counted: the Api's first requests compile its code paths.
        for (var load = 0; load <= Loads; load++)
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = platform.Api.ToString() });
            var page = await context.NewPageAsync();
            await page.GotoAsync($"/watch/{videoId}");
            await page.Locator(".player[data-first-frame]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
            var figures = await page.EvaluateAsync<double[]>(Measure);
            if (load > 0)
            {
                seconds.Add(figures[0] / 1000);
                kilobytes.Add(figures[1] / 1000);
                requests = figures[2];
            }
        }

        return
        [
            new Figure
            {
                Id = "9a", Name = Rows.Name("9a"), Unit = "s", MeasuredLabel = "navigation start to first frame",
                Measured = Summary.Of(seconds), Goal = Goal.MeasuredAtMost(1.0, "s"),
                Note = $"{Loads} loads of /watch/{{id}} (a Ready 1080p ladder), each in a fresh browser context (empty cache), after one uncounted load; headless Chromium over loopback",
            },
            new Figure
            {
                Id = "9b", Name = Rows.Name("9b"), Unit = "kB", MeasuredLabel = "transferred before the first segment",
                Measured = Summary.Of(kilobytes), Goal = Goal.MeasuredAtMost(250, "kB"),
                Note = $"sum of transferSize (headers + brotli bodies) of the page and the {requests - 1:0} requests started before the first .m4s: scripts, styles, the video JSON, playlists, init segment, poster",
            },
        ];
    }

    private static List<Figure> NotMeasured(string reason) =>
        [Figure.NotMeasuredRow("9a", Rows.Name("9a"), reason), Figure.NotMeasuredRow("9b", Rows.Name("9b"), reason)];
}
