using System.Net;
using VideoPlatform.Tests.Fixtures;
using static VideoPlatform.Tests.Api.Uploads.TusRequests;

namespace VideoPlatform.Tests.Api.Uploads;

/// <summary>CORS for a browser tus client on another origin: preflight allows the tus headers, responses expose them.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class UploadCorsApiTests(PlatformClusterFixture cluster) : TusApiTest(cluster)
{
    [Theory]
    [InlineData("POST", "/api/uploads")]
    [InlineData("PATCH", "/api/uploads/AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("HEAD", "/api/uploads/AAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Preflight_FromBrowserOrigin_AllowsTusHeaders(string method, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, new Uri(path, UriKind.Relative));
        request.Headers.Add("Origin", "https://app.example");
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "tus-resumable,upload-offset,upload-length,upload-metadata,upload-checksum,content-type");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var allowed = string.Join(',', response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
        Assert.Contains("upload-offset", allowed, StringComparison.Ordinal);
        Assert.Contains("upload-checksum", allowed, StringComparison.Ordinal);
        Assert.Contains(method, string.Join(',', response.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_FromBrowserOrigin_ExposesTusResponseHeaders()
    {
        var videoId = await CreateVideoAsync(Client);
        var request = Create(10, Metadata(("videoId", videoId)));
        request.Headers.Add("Origin", "https://app.example");

        using var response = await Client.SendAsync(request);

        var exposed = string.Join(',', response.Headers.GetValues("Access-Control-Expose-Headers"));
        foreach (var header in new[] { "Location", "Upload-Offset", "Upload-Length", "Upload-Metadata", "Tus-Resumable", "Upload-Expires" })
        {
            Assert.Contains(header, exposed, StringComparison.OrdinalIgnoreCase);
        }
    }
}
