using System.IO.Compression;
using System.Net;
using System.Text.Json;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api.WebApp;

/// <summary>The Api serving a built app (a stand-in folder shaped like vite's output) beside its own endpoints.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class WebAppServingTests(PlatformClusterFixture cluster) : IAsyncLifetime
{
    private const string Index = "<!doctype html><title>app</title>";
    private const string Script = "console.log('the app');";
    private readonly TempFolder built = new("vp-webapp");
    private ApiFactory api = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(built.Path, "assets"));
        await File.WriteAllTextAsync(Path.Combine(built.Path, "index.html"), Index);
        var script = Path.Combine(built.Path, "assets", "main-AbC123.js");
        await File.WriteAllTextAsync(script, Script);
        await using (var br = new BrotliStream(File.Create(script + ".br"), CompressionLevel.SmallestSize))
        {
            await br.WriteAsync(System.Text.Encoding.UTF8.GetBytes(Script));
        }

        api = new ApiFactory(cluster, new Dictionary<string, string?>
        {
            ["VideoPlatform:WebApp:Root"] = built.Path,
            ["VideoPlatform:Playback:PublicBaseUrl"] = "https://cdn.example.com/media",
        });
        http = api.CreateClient();
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await api.DisposeAsync();
        built.Dispose();
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/watch/abc123")]
    [InlineData("/upload")]
    [InlineData("/search?q=cats")]
    [InlineData("/channels/c1")]
    [InlineData("/me/videos")]
    [InlineData("/me/channels")]
    [InlineData("/login")]
    [InlineData("/register")]
    public async Task AppRoute_ServesThePageWithItsContentSecurityPolicy(string path)
    {
        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Index, await response.Content.ReadAsStringAsync());
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("media-src 'self' blob: https://cdn.example.com", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPath_ServesThePageWith404ForTheAppsOwnNotFound()
    {
        using var response = await http.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(Index, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/no-such-thing")]
    [InlineData("/api")]
    [InlineData("/play/none/master.m3u8")]
    [InlineData("/docs/nothing/here")]
    public async Task ApiPaths_AreNeverShadowed_UnknownOnesKeepTheApisProblemDetails(string path)
    {
        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual(Index, await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task UnknownApiPath_AnswersProblemDetails()
    {
        using var response = await http.GetAsync("/api/no-such-thing");

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task HashedAsset_IsImmutableAndSentPrecompressed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/assets/main-AbC123.js") { Headers = { { "Accept-Encoding", "gzip, br" } } };
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        await using var decoded = new BrotliStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        Assert.Equal(Script, await new StreamReader(decoded).ReadToEndAsync());
    }

    [Fact]
    public async Task HashedAsset_WithoutAcceptEncoding_IsSentAsIs()
    {
        using var response = await http.GetAsync("/assets/main-AbC123.js");

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Script, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AppNotBuilt_ApiSaysSoAtTheRoot_AndStillServesItsEndpoints()
    {
        using var empty = new TempFolder("vp-webapp-none");
        await using var bare = new ApiFactory(cluster, new Dictionary<string, string?> { ["VideoPlatform:WebApp:Root"] = empty.Path });
        using var client = bare.CreateClient();

        using var root = await client.GetAsync("/");
        using var health = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, root.StatusCode);
        Assert.Contains("web app is not built", await root.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
