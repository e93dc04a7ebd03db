using Microsoft.AspNetCore.Http;
using VideoPlatform.Api.WebApp;

namespace VideoPlatform.Tests.Api.WebApp;

[Trait("Category", "Unit")]
public sealed class WebAppRoutesTests
{
    [Theory]
    [InlineData("/", true)]
    [InlineData("/upload", true)]
    [InlineData("/upload/", true)]
    [InlineData("/search", true)]
    [InlineData("/me/videos", true)]
    [InlineData("/me/channels", true)]
    [InlineData("/login", true)]
    [InlineData("/register", true)]
    [InlineData("/watch/abc", true)]
    [InlineData("/watch/abc/", true)]
    [InlineData("/channels/c1", true)]
    [InlineData("/watch", false)]
    [InlineData("/watch/abc/def", false)]
    [InlineData("/me", false)]
    [InlineData("/nothing", false)]
    public void IsPage_KnowsTheAppsRoutes(string path, bool page) => Assert.Equal(page, WebAppRoutes.IsPage(new PathString(path)));

    [Theory]
    [InlineData("/api", true)]
    [InlineData("/api/videos", true)]
    [InlineData("/API/videos", true)]
    [InlineData("/play/x/master.m3u8", true)]
    [InlineData("/live/c/master.m3u8", true)]
    [InlineData("/cdn/x/v/master.m3u8", true)]
    [InlineData("/docs", true)]
    [InlineData("/openapi/v1.json", true)]
    [InlineData("/healthz", true)]
    [InlineData("/readyz", true)]
    [InlineData("/apis", false)]
    [InlineData("/player", false)]
    [InlineData("/watch/api", false)]
    public void IsReserved_KeepsTheApisPrefixes(string path, bool reserved) => Assert.Equal(reserved, WebAppRoutes.IsReserved(new PathString(path)));

    [Fact]
    public void ContentSecurityPolicy_WithoutCdn_AllowsSelfAndBlobMediaOnly()
    {
        var policy = ContentSecurityPolicy.Build(null);

        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("media-src 'self' blob:;", policy, StringComparison.Ordinal);
        Assert.Contains("img-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("http", policy, StringComparison.Ordinal);
    }

    [Fact]
    public void ContentSecurityPolicy_WithCdn_AddsItsOriginForMediaImagesAndRequests()
    {
        var policy = ContentSecurityPolicy.Build("https://cdn.example.com:8443/bucket/vod");

        Assert.Contains("media-src 'self' blob: https://cdn.example.com:8443;", policy, StringComparison.Ordinal);
        Assert.Contains("img-src 'self' https://cdn.example.com:8443;", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self' https://cdn.example.com:8443;", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
    }
}
