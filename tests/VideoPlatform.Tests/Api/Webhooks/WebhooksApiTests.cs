using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api.Webhooks;

/// <summary>The endpoints' shapes, validation and ownership, with the Api refusing private targets (its default).</summary>
[Trait("Category", "Integration")]
[Collection(ClusterCollection.Name)]
public sealed class WebhooksApiTests(PlatformClusterFixture cluster) : IAsyncLifetime
{
    private readonly ApiFactory api = new(cluster);
    private HttpClient http = null!;

    public Task InitializeAsync()
    {
        http = api.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? user = "hookowner")
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (user is not null)
        {
            await request.AuthorizeAsync(http, user);
        }

        return await http.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Create_Returns201WithTheSecretOnce_ListAndDeleteNeverShowIt()
    {
        var response = await SendAsync(HttpMethod.Post, "/api/webhooks", new { url = "https://93.184.216.34/hooks/in", events = new[] { "video.ready", "live.ended", "video.ready" } }, "hooklister");
        var created = await JsonAsync(response);
        var id = created.GetProperty("id").GetString()!;
        var secret = created.GetProperty("secret").GetString()!;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/webhooks/{id}", response.Headers.Location?.ToString());
        Assert.Equal("https://93.184.216.34/hooks/in", created.GetProperty("url").GetString());
        Assert.Equal(["video.ready", "live.ended"], created.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        var listed = await (await SendAsync(HttpMethod.Get, "/api/webhooks", user: "hooklister")).Content.ReadAsStringAsync();
        Assert.Contains(id, listed, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", listed, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        var deliveries = await SendAsync(HttpMethod.Get, $"/api/webhooks/{id}/deliveries", user: "hooklister");
        Assert.Equal(HttpStatusCode.OK, deliveries.StatusCode);
        Assert.Equal(0, (await JsonAsync(deliveries)).GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, $"/api/webhooks/{id}", user: "hooklister")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Delete, $"/api/webhooks/{id}", user: "hooklister")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, $"/api/webhooks/{id}/deliveries", user: "hooklister")).StatusCode);
    }

    [Theory]
    [InlineData("https://example.com/hook", new string[0], "invalid_events")]
    [InlineData("https://example.com/hook", new[] { "video.exploded" }, "invalid_events")]
    [InlineData("ftp://example.com/hook", new[] { "video.ready" }, "invalid_url")]
    [InlineData("file:///etc/passwd", new[] { "video.ready" }, "invalid_url")]
    [InlineData("/relative", new[] { "video.ready" }, "invalid_url")]
    [InlineData("http://user:pw@example.com/", new[] { "video.ready" }, "invalid_url")]
    [InlineData("https://no-such-host.invalid/hook", new[] { "video.ready" }, "unresolvable_host")]
    public async Task Create_BadInput_400WithCode(string url, string[] events, string code)
    {
        var response = await SendAsync(HttpMethod.Post, "/api/webhooks", new { url, events });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await JsonAsync(response)).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("http://127.0.0.1/hook")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://172.16.5.4/hook")]
    [InlineData("http://192.168.0.10/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[fd00::1]/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://0.0.0.0/hook")]
    [InlineData("http://localhost:8080/hook")]
    public async Task Create_PrivateTarget_400(string url)
    {
        var response = await SendAsync(HttpMethod.Post, "/api/webhooks", new { url, events = new[] { "video.ready" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("private_target", (await JsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task AnotherUsersEndpoint_404_AndAnonymous_401()
    {
        var created = await JsonAsync(await SendAsync(HttpMethod.Post, "/api/webhooks", new { url = "https://93.184.216.34/a", events = new[] { "video.ready" } }, "hookalice"));
        var id = created.GetProperty("id").GetString()!;

        var deliveries = await SendAsync(HttpMethod.Get, $"/api/webhooks/{id}/deliveries", user: "hookmallory");
        var delete = await SendAsync(HttpMethod.Delete, $"/api/webhooks/{id}", user: "hookmallory");
        var list = await (await SendAsync(HttpMethod.Get, "/api/webhooks", user: "hookmallory")).Content.ReadAsStringAsync();
        var anonymous = await SendAsync(HttpMethod.Get, "/api/webhooks", user: null);

        Assert.Equal(HttpStatusCode.NotFound, deliveries.StatusCode);
        Assert.Equal("not_found", (await JsonAsync(deliveries)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.DoesNotContain(id, list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, $"/api/webhooks/{id}/deliveries", user: "hookalice")).StatusCode);
    }

    [Fact]
    public async Task Create_BeyondTheEndpointsPerUser_409()
    {
        for (var i = 0; i < WebhookTestSettings.MaxEndpointsPerUser; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Post, "/api/webhooks", new { url = $"https://93.184.216.34/{i}", events = new[] { "video.ready" } }, "hookmany")).StatusCode);
        }

        var sixth = await SendAsync(HttpMethod.Post, "/api/webhooks", new { url = "https://93.184.216.34/6", events = new[] { "video.ready" } }, "hookmany");

        Assert.Equal(HttpStatusCode.Conflict, sixth.StatusCode);
        Assert.Equal("too_many_webhooks", (await JsonAsync(sixth)).GetProperty("code").GetString());
    }
}
