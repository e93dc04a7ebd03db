using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api.Auth;

/// <summary>POST/DELETE /api/auth/session: the web app's sign-in, with the refresh token only in an HttpOnly cookie.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SessionApiTests(PlatformClusterFixture cluster) : IAsyncLifetime
{
    private readonly ApiFactory api = new(cluster);
    private HttpClient http = null!;

    public Task InitializeAsync()
    {
        http = api.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await api.DisposeAsync();
    }

    [Fact]
    public async Task Start_SetsHttpOnlyStrictCookie_AndKeepsTheRefreshTokenOutOfTheBody()
    {
        using var user = await api.RegisterUserAsync();

        using var response = await http.PostAsJsonAsync("/api/auth/session", new { username = user.Username, password = user.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(string.IsNullOrEmpty(body.GetProperty("accessToken").GetString()));
        Assert.Equal(user.Id, body.GetProperty("user").GetProperty("id").GetString());
        Assert.False(body.TryGetProperty("refreshToken", out _));
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("vp_refresh=", cookie, StringComparison.Ordinal);
        var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).ToList();
        Assert.Contains("httponly", attributes, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", attributes, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("path=/api/auth/session", attributes, StringComparer.OrdinalIgnoreCase);
        Assert.Contains(attributes, a => a.StartsWith("expires=", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Refresh_WithTheCookie_IssuesAnAccessTokenAndRotatesTheCookie()
    {
        using var user = await api.RegisterUserAsync();
        var first = await StartAsync(user);

        using var refreshed = await PostWithCookieAsync("/api/auth/session/refresh", first);
        var second = CookieValue(refreshed);
        using var replayed = await PostWithCookieAsync("/api/auth/session/refresh", first);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var token = JsonDocument.Parse(await refreshed.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString();
        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/me") { Headers = { { "Authorization", $"Bearer {token}" } } };
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(me)).StatusCode);
        Assert.NotEqual(first, second);
        // A rotated-away cookie is a replay: refused, and told to forget the cookie.
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Equal("", CookieValue(replayed));
    }

    [Fact]
    public async Task Refresh_WithoutCookie_Returns401ProblemDetails()
    {
        using var response = await http.PostAsync("/api/auth/session/refresh", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthenticated", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task End_ClearsTheCookieAndRevokesTheSession()
    {
        using var user = await api.RegisterUserAsync();
        var cookie = await StartAsync(user);

        using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/auth/session") { Headers = { { "Cookie", $"vp_refresh={cookie}" } } };
        using var ended = await http.SendAsync(request);
        using var afterwards = await PostWithCookieAsync("/api/auth/session/refresh", cookie);

        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        var cleared = Assert.Single(ended.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("vp_refresh=;", cleared, StringComparison.Ordinal);
        Assert.Contains("expires=Thu, 01 Jan 1970", cleared, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Unauthorized, afterwards.StatusCode);
    }

    [Fact]
    public async Task Start_WrongPassword_Returns401WithoutCookie()
    {
        using var user = await api.RegisterUserAsync();

        using var response = await http.PostAsJsonAsync("/api/auth/session", new { username = user.Username, password = "not-the-password" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    private async Task<string> StartAsync(TestUser user)
    {
        using var response = await http.PostAsJsonAsync("/api/auth/session", new { username = user.Username, password = user.Password });
        response.EnsureSuccessStatusCode();
        return CookieValue(response);
    }

    private Task<HttpResponseMessage> PostWithCookieAsync(string path, string cookie) =>
        http.SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Headers = { { "Cookie", $"vp_refresh={cookie}" } } });

    private static string CookieValue(HttpResponseMessage response)
    {
        var header = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        return header[(header.IndexOf('=', StringComparison.Ordinal) + 1)..header.IndexOf(';', StringComparison.Ordinal)];
    }
}
