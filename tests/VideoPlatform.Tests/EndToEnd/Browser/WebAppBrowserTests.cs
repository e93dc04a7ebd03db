using System.Net.Http.Json;
using Microsoft.Playwright;
using VideoPlatform.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace VideoPlatform.Tests.EndToEnd.Browser;

/// <summary>The web app in headless Chromium against the real Api, cluster, FFmpeg and object store.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class WebAppBrowserTests(PlatformClusterFixture cluster) : IAsyncLifetime
{
    private static readonly TimeSpan ToReady = TimeSpan.FromMinutes(3);
    private readonly TempFolder folder = new("vp-browser");
    private readonly ApiFactory api = new(cluster, new Dictionary<string, string?> { ["VideoPlatform:WebApp:Root"] = WebAppBrowser.BuiltApp });

    private WebAppBrowser browser = null!;
    private string clip = null!;

    public async Task InitializeAsync()
    {
        var address = api.StartKestrel();
        browser = await WebAppBrowser.StartAsync(address);
        clip = await TestMedia.ClipAsync(folder.Path, 640, 360, 6);
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await api.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task UploadThroughThePage_BecomesReady_AndTheWatchPagePlaysWithStoryboardThumbnails()
    {
        var page = await browser.NewPageAsync();
        await WebAppBrowser.ThrottleUploadsAsync(page);
        var name = await PageSteps.RegisterAsync(page);
        await PageSteps.SignOut(page, name).ClickAsync();
        await PageSteps.SignInAsync(page, name);

        await PageSteps.StartUploadAsync(page, clip, "Browser upload");
        var midway = await PageSteps.WaitForUploadAsync(page, 20, TimeSpan.FromMinutes(1));
        await WebAppBrowser.ScreenshotAsync(page, "upload");
        var values = midway.Concat(await PageSteps.WaitForUploadAsync(page, 100, TimeSpan.FromMinutes(1))).ToList();
        await Expect(page.Locator("#processing-status")).ToHaveTextAsync("Ready", new() { Timeout = (float)ToReady.TotalMilliseconds });
        var requested = new List<string>();
        page.Request += (_, request) =>
        {
            lock (requested)
            {
                requested.Add(request.Url);
            }
        };
        await page.GetByRole(AriaRole.Link, new() { Name = "Watch", Exact = true }).ClickAsync();
        var player = page.Locator(".player[data-level-loaded]");
        await Expect(player).ToHaveAttributeAsync("data-engine", "hls.js");
        await page.WaitForFunctionAsync("() => document.querySelector('video').currentTime > 1");
        var seek = page.GetByRole(AriaRole.Slider, new() { Name = "Seek" });
        var box = (await seek.BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(box.X + (box.Width * 0.6f), box.Y + (box.Height / 2));
        await Expect(page.Locator(".preview")).ToBeVisibleAsync();
        var sprite = await page.Locator(".preview .sprite").EvaluateAsync<string>("e => e.style.backgroundImage");
        var position = await page.EvaluateAsync<double>("() => document.querySelector('video').currentTime");
        // The related cards wait for the first frame, so their thumbnails never compete with the first segment.
        Assert.True(await Eventually.WaitAsync(() => Task.FromResult(Requested(requested, "/related") >= 0), TimeSpan.FromSeconds(10)), "no related request");
        var segmentBeforeRelated = Requested(requested, ".m4s") is var segment and >= 0 && segment < Requested(requested, "/related");
        await WebAppBrowser.ScreenshotAsync(page, "watch");
        // The keyboard alone: the player takes focus and pauses on "k".
        await page.Locator(".player").FocusAsync();
        await page.Keyboard.PressAsync("k");
        await page.WaitForFunctionAsync("() => document.querySelector('video').paused");
        var watchUrl = page.Url;
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Home", Exact = true })).ToBeVisibleAsync();
        await WebAppBrowser.ScreenshotAsync(page, "home");
        // A 375 px wide phone: nothing wider than the screen on the home, watch and upload pages.
        await page.SetViewportSizeAsync(375, 740);
        var widths = new List<int>();
        foreach (var path in new[] { "/", watchUrl, "/upload" })
        {
            await page.GotoAsync(path);
            await page.Locator("main h1").First.WaitForAsync();
            widths.Add(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"));
        }

        Assert.Contains(values, v => v is > 0 and < 100);
        Assert.Equal(values.Order().ToList(), values);
        Assert.Equal(100, values[^1]);
        Assert.True(segmentBeforeRelated, "the related list was asked for before the first media segment");
        Assert.Contains(".jpg", sprite, StringComparison.Ordinal);
        Assert.InRange(position, 2.5, 6);
        Assert.All(widths, width => Assert.InRange(width, 1, 375));
    }

    [Fact]
    public async Task ReloadMidUpload_ResumesFromTheServersOffset()
    {
        var page = await browser.NewPageAsync();
        await WebAppBrowser.ThrottleUploadsAsync(page);
        await PageSteps.RegisterAsync(page);
        var id = await PageSteps.StartUploadAsync(page, clip, "Resumed upload");
        await PageSteps.WaitForUploadAsync(page, 25, TimeSpan.FromMinutes(1));
        var offsets = new List<long>();
        page.Request += (_, request) =>
        {
            if (request.Method == "PATCH" && request.Url.Contains("/api/uploads/", StringComparison.Ordinal)
                && request.Headers.TryGetValue("upload-offset", out var offset))
            {
                lock (offsets)
                {
                    offsets.Add(long.Parse(offset, System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        };

        await page.ReloadAsync();
        await page.Locator("#file").SetInputFilesAsync(clip);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Resuming your earlier upload")).ToBeVisibleAsync();
        await PageSteps.WaitForUploadAsync(page, 100, TimeSpan.FromMinutes(1));
        await Expect(page.Locator("#processing-status")).Not.ToHaveTextAsync("", new() { Timeout = 10_000 });

        Assert.Equal(id, await page.Locator(".upload-panel").GetAttributeAsync("data-video-id"));
        lock (offsets)
        {
            Assert.NotEmpty(offsets);
            Assert.InRange(offsets[0], 1, new FileInfo(clip).Length - 1);
        }
    }

    [Fact]
    public async Task AnotherUsersPrivateVideo_IsNotAvailable_AndNoPlaylistLoads()
    {
        using var owner = await api.RegisterUserAsync();
        var created = await owner.Client.PostAsJsonAsync("/api/videos", new { title = "Private clip", visibility = "private" });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!;
        await VodSteps.PutSourceAsync(owner.Client, id, clip);
        Assert.Equal("ready", (await VodSteps.WaitForStatusAsync(owner.Client, id, "ready", ToReady)).GetProperty("status").GetString());
        var page = await browser.NewPageAsync();
        await PageSteps.RegisterAsync(page);
        var playlists = new List<int>();
        page.Response += (_, response) =>
        {
            if (response.Url.Contains(".m3u8", StringComparison.Ordinal))
            {
                lock (playlists)
                {
                    playlists.Add(response.Status);
                }
            }
        };

        await page.GotoAsync($"/watch/{id}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This video is not available", Exact = true })).ToBeVisibleAsync();
        // Guessing the public playlist address does not help either.
        var guessed = await page.EvaluateAsync<int>("id => fetch(`/play/${id}/master.m3u8`).then(r => r.status)", id);

        Assert.InRange(guessed, 400, 499);
        Assert.Equal(0, await page.Locator("video").CountAsync());
        lock (playlists)
        {
            Assert.DoesNotContain(playlists, status => status is >= 200 and < 300);
        }
    }

    [Fact]
    public async Task ExpiredSession_GoesToSignIn_AndBackToThePageItCameFrom()
    {
        var page = await browser.NewPageAsync();
        var name = await PageSteps.RegisterAsync(page);
        await page.GotoAsync("/me/videos");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My videos", Exact = true })).ToBeVisibleAsync();

        // The access token lives in the page's memory (gone with a reload); the refresh cookie is no longer valid.
        await page.Context.ClearCookiesAsync();
        await page.ReloadAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/login\?.*next=%2Fme%2Fvideos"));
        await page.GetByLabel("Username or email").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(TestUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My videos", Exact = true })).ToBeVisibleAsync();
        Assert.Equal("/me/videos", new Uri(page.Url).AbsolutePath);
        await Expect(PageSteps.SignOut(page, name)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task MyVideos_EditsTitleAndVisibility_AndDeletesAfterConfirmation()
    {
        using var owner = await api.RegisterUserAsync();
        var id = await VodSteps.CreateAsync(owner.Client, "Before the edit");
        var page = await browser.NewPageAsync();
        await PageSteps.SignInAsync(page, owner.Username);
        await page.GotoAsync("/me/videos");
        var row = page.Locator($"li[data-id='{id}']");

        await row.GetByText("Edit", new() { Exact = true }).ClickAsync();
        await row.GetByLabel("Title", new() { Exact = true }).FillAsync("After the edit");
        await row.GetByLabel("Visibility").SelectOptionAsync("unlisted");
        await row.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(row.GetByRole(AriaRole.Heading, new() { Name = "After the edit" })).ToBeVisibleAsync();
        await Expect(row.Locator(".meta")).ToContainTextAsync("unlisted");
        var saved = await owner.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/videos/{id}");

        var asked = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            asked.Add(dialog.Message);
            await dialog.AcceptAsync();
        };
        await row.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My videos", Exact = true })).ToBeVisibleAsync();

        Assert.Equal("After the edit", saved.GetProperty("title").GetString());
        Assert.Equal("unlisted", saved.GetProperty("visibility").GetString());
        Assert.Equal("Delete “After the edit”? This cannot be undone.", Assert.Single(asked));
        Assert.Equal(0, await page.Locator($"li[data-id='{id}']").CountAsync());
    }

    [Fact]
    public async Task MyChannels_CreatesAChannel_ShowsItsKeyOnce_RotatesIt_AndShowsTheRtmpUrl()
    {
        var page = await browser.NewPageAsync();
        await PageSteps.RegisterAsync(page);
        await page.GotoAsync("/me/channels");
        var channelName = $"Channel {Guid.NewGuid():N}"[..20];
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(channelName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create channel" }).ClickAsync();
        var created = page.Locator(".create-channel .secret");
        await Expect(created).ToBeVisibleAsync();
        var firstKey = await created.Locator(".key").TextContentAsync();
        var rtmp = await created.Locator("code").Nth(1).TextContentAsync();
        var row = page.Locator(".rows li").Filter(new() { HasText = channelName });
        await Expect(row).ToHaveCountAsync(1);

        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "New stream key" }).ClickAsync();
        var rotated = row.Locator(".secret .key");
        await Expect(rotated).ToBeVisibleAsync();
        var secondKey = await rotated.TextContentAsync();
        // Shown once: after a reload the page lists the channel but no key.
        await page.ReloadAsync();
        await Expect(page.Locator(".rows li").Filter(new() { HasText = channelName })).ToHaveCountAsync(1);

        Assert.False(string.IsNullOrWhiteSpace(firstKey));
        Assert.False(string.IsNullOrWhiteSpace(secondKey));
        Assert.NotEqual(firstKey, secondKey);
        Assert.StartsWith("rtmp://", rtmp, StringComparison.Ordinal);
        Assert.EndsWith("/live", rtmp, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator(".secret").CountAsync());
    }

    /// <summary>Needs the search endpoints (GET /api/search, /api/search/suggest).</summary>
    [Fact]
    public async Task Search_WithATypo_FindsTheUploadedTitle()
    {
        using var owner = await api.RegisterUserAsync();
        var title = $"Reykjavik lanterns {Guid.NewGuid():N}"[..26];
        var id = await VodSteps.CreateAsync(owner.Client, title);
        await VodSteps.PutSourceAsync(owner.Client, id, clip);
        await VodSteps.WaitForStatusAsync(owner.Client, id, "ready", ToReady);
        var page = await browser.NewPageAsync();

        var card = page.Locator($".card[href='/watch/{id}']");
        // Indexing follows the video's events: look again until it shows up.
        await Eventually.WaitAsync(
            async () =>
            {
                await page.GotoAsync("/search?q=reykjavk%20lanterns");
                await page.Locator(".results h2, .results .notice").First.WaitForAsync();
                return await card.CountAsync() > 0;
            },
            TimeSpan.FromMinutes(1),
            TimeSpan.FromSeconds(2));

        await WebAppBrowser.ScreenshotAsync(page, "search");

        await Expect(card).ToBeVisibleAsync();
        await Expect(card.Locator("mark").First).ToBeVisibleAsync();
    }

    private static int Requested(List<string> requested, string part)
    {
        lock (requested)
        {
            return requested.FindIndex(url => url.Contains(part, StringComparison.Ordinal));
        }
    }
}
