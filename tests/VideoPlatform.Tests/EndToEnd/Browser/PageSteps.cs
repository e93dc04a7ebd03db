using Microsoft.Playwright;
using VideoPlatform.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace VideoPlatform.Tests.EndToEnd.Browser;

/// <summary>What a person does on the web app's pages, step by step.</summary>
public static class PageSteps
{
    public static async Task<string> RegisterAsync(IPage page)
    {
        var name = $"w{Guid.NewGuid():N}"[..14];
        await page.GotoAsync("/register");
        await page.GetByLabel("Username", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Email").FillAsync($"{name}@example.com");
        await page.GetByLabel("Password").FillAsync(TestUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(SignOut(page, name)).ToBeVisibleAsync();
        return name;
    }

    public static async Task SignInAsync(IPage page, string name)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel("Username or email").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(TestUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(SignOut(page, name)).ToBeVisibleAsync();
    }

    public static ILocator SignOut(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = $"Sign out {name}" });

    /// <summary>Chooses the file and starts the upload on /upload; returns the new video's id.</summary>
    public static async Task<string> StartUploadAsync(IPage page, string file, string title)
    {
        await page.GotoAsync("/upload");
        await page.Locator("#file").SetInputFilesAsync(file);
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        var panel = page.Locator(".upload-panel");
        await Expect(panel).ToBeVisibleAsync();
        return (await panel.GetAttributeAsync("data-video-id"))!;
    }

    public static Task<double> UploadProgressAsync(IPage page) => page.Locator("#upload-progress").EvaluateAsync<double>("e => e.value");

    /// <summary>Waits until the upload bar passes <paramref name="percent"/>, collecting the values it showed.</summary>
    public static async Task<List<double>> WaitForUploadAsync(IPage page, double percent, TimeSpan timeout)
    {
        var seen = new List<double>();
        using var deadline = new CancellationTokenSource(timeout);
        while (!deadline.IsCancellationRequested)
        {
            var value = await UploadProgressAsync(page);
            if (seen.Count == 0 || seen[^1] != value)
            {
                seen.Add(value);
            }

            if (value >= percent)
            {
                return seen;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"the upload bar never reached {percent}% (it showed {string.Join(", ", seen)})");
        return seen;
    }
}
