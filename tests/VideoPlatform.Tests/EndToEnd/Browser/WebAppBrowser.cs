using Microsoft.Playwright;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.EndToEnd.Browser;

/// <summary>
/// Headless Chromium from the system's package (./vp test installs Debian's `chromium`; VP_CHROMIUM names another),
/// driven by Microsoft.Playwright without its own browser download, against an Api on a real loopback socket that
/// serves the built web app (web/dist, built by the test project's build when Node is present).
/// </summary>
public sealed class WebAppBrowser : IAsyncDisposable
{
    private readonly IPlaywright playwright;

    private WebAppBrowser(IPlaywright playwright, IBrowser browser, Uri baseAddress)
    {
        this.playwright = playwright;
        Browser = browser;
        BaseAddress = baseAddress;
    }

    public IBrowser Browser { get; }

    public Uri BaseAddress { get; }

    public static string Executable => Environment.GetEnvironmentVariable("VP_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>The repository's built web app; the Api in these tests serves it from there.</summary>
    public static string BuiltApp
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "web", "package.json")))
                {
                    var dist = Path.Combine(dir.FullName, "web", "dist");
                    Assert.True(File.Exists(Path.Combine(dist, "index.html")), $"the web app is not built in {dist}: install Node.js 20.19+ and build again");
                    return dist;
                }
            }

            throw new InvalidOperationException("web/package.json not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>Where screenshots go: TestResults/screenshots at the repository root (or VP_TEST_ARTIFACTS).</summary>
    public static string Artifacts => Directory.CreateDirectory(Environment.GetEnvironmentVariable("VP_TEST_ARTIFACTS") is { Length: > 0 } dir
        ? dir
        : Path.Combine(BuiltApp, "..", "..", "TestResults", "screenshots")).FullName;

    public static async Task<WebAppBrowser> StartAsync(Uri baseAddress)
    {
        Assert.True(File.Exists(Executable), $"Chromium not found at {Executable}: apt-get install chromium (./vp test does), or set VP_CHROMIUM");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            // Root in a container has no user namespaces for the sandbox; autoplay as a person who clicked would.
            Args = ["--no-sandbox", "--autoplay-policy=no-user-gesture-required", "--mute-audio"],
        });
        return new WebAppBrowser(playwright, browser, baseAddress);
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// A slow uplink in the browser's own network stack (DevTools throttling), so an upload of a small clip stays
    /// mid-way long enough to be watched and reloaded; the loopback's socket buffers would swallow it at once.
    /// </summary>
    public static async Task ThrottleUploadsAsync(IPage page, int bytesPerSecond = 256 << 10)
    {
        var devTools = await page.Context.NewCDPSessionAsync(page);
        await devTools.SendAsync("Network.enable");
        await devTools.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false,
            ["latency"] = 0,
            ["downloadThroughput"] = -1,
            ["uploadThroughput"] = bytesPerSecond,
        });
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, name + ".png") });

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}
