using System.Net;
using System.Security.Cryptography;
using VideoPlatform.Storage;
using VideoPlatform.Tests.Fixtures;
using static VideoPlatform.Tests.Api.Uploads.TusRequests;

// tus makes sha1 the one checksum every server must take.
#pragma warning disable CA5350

namespace VideoPlatform.Tests.Api.Uploads;

/// <summary>PATCH: offsets, content type, length limits and checksums.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class UploadPatchApiTests(PlatformClusterFixture cluster) : TusApiTest(cluster)
{
    [Fact]
    public async Task Patch_OtherTusVersion_Returns412()
    {
        var (_, upload) = await CreateUploadAsync(Client, Cluster, 10);
        var request = Patch(upload, 0, new byte[10]);
        request.Headers.Remove("Tus-Resumable");
        request.Headers.Add("Tus-Resumable", "0.2.2");

        using var response = await Client.SendAsync(request);

        await UploadsApiTests.AssertProblemAsync(response, HttpStatusCode.PreconditionFailed, "unsupported_tus_version");
    }

    [Fact]
    public async Task Patch_WholeFileInTwoChunks_CompletesVideoWithIdenticalSource()
    {
        var bytes = RandomBytes(300_000);
        var (videoId, upload) = await CreateUploadAsync(Client, Cluster, bytes.Length);

        using var first = await Client.SendAsync(Patch(upload, 0, bytes[..100_000]));
        using var second = await Client.SendAsync(Patch(upload, 100_000, bytes[100_000..]));

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal("100000", first.Headers.GetValues("Upload-Offset").Single());
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        Assert.Equal("300000", second.Headers.GetValues("Upload-Offset").Single());
        Assert.Equal(bytes, await ReadStoredAsync(Cluster, MediaKeys.Source(videoId)));
        var video = await VideoAsync(Cluster, videoId);
        UploadAssertions.Completed(video);
        Assert.Equal(300_000, video.Source!.Size);
    }

    [Fact]
    public async Task Patch_WrongContentType_Returns415()
    {
        var (_, upload) = await CreateUploadAsync(Client, Cluster, 10);
        var request = Patch(upload, 0, new byte[10]);
        request.Content!.Headers.ContentType = new("application/octet-stream");

        using var response = await Client.SendAsync(request);

        await UploadsApiTests.AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported_content_type");
    }

    [Fact]
    public async Task Patch_WrongOffset_Returns409()
    {
        var (_, upload) = await CreateUploadAsync(Client, Cluster, 10);

        using var response = await Client.SendAsync(Patch(upload, 3, new byte[7]));

        await UploadsApiTests.AssertProblemAsync(response, HttpStatusCode.Conflict, "offset_mismatch");
        Assert.Equal(0, await OffsetAsync(Client, upload));
    }

    [Fact]
    public async Task Patch_UnknownUpload_Returns404()
    {
        using var response = await Client.SendAsync(Patch(new Uri("/api/uploads/AAAAAAAAAAAAAAAAAAAAAA", UriKind.Relative), 0, new byte[1]));

        await UploadsApiTests.AssertProblemAsync(response, HttpStatusCode.NotFound, "upload_not_found");
    }

    [Fact]
    public async Task Patch_BeyondUploadLength_Returns413AndKeepsOffset()
    {
        var (_, upload) = await CreateUploadAsync(Client, Cluster, 10);

        using var response = await Client.SendAsync(Patch(upload, 0, new byte[11]));

        await UploadsApiTests.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "upload_too_large");
        Assert.Equal(0, await OffsetAsync(Client, upload));
    }

    [Fact]
    public async Task Patch_ChunkedBodyBeyondUploadLength_Returns413AndKeepsOffset()
    {
        var (_, upload) = await CreateUploadAsync(Client, Cluster, 10);
        var content = new StreamContent(new MemoryStream(new byte[25]));
        content.Headers.ContentLength = null;

        using var response = await Client.SendAsync(Patch(upload, 0, content));

        await UploadsApiTests.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "upload_too_large");
        Assert.Equal(0, await OffsetAsync(Client, upload));
    }

    [Theory]
    [InlineData("sha1")]
    [InlineData("sha256")]
    public async Task Patch_MatchingChecksum_Returns204(string algorithm)
    {
        var bytes = RandomBytes(5000);
        var (_, upload) = await CreateUploadAsync(Client, Cluster, 10_000);
        var digest = algorithm == "sha1" ? SHA1.HashData(bytes) : SHA256.HashData(bytes);

        using var response = await Client.SendAsync(Patch(upload, 0, bytes, $"{algorithm} {Convert.ToBase64String(digest)}"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(5000, await OffsetAsync(Client, upload));
    }

    [Fact]
    public async Task Patch_ChecksumMismatch_Returns460AndLeavesOffsetUnchanged()
    {
        var bytes = RandomBytes(5000);
        var (videoId, upload) = await CreateUploadAsync(Client, Cluster, 10_000);
        using var first = await Client.SendAsync(Patch(upload, 0, bytes[..1000]));
        var wrong = Convert.ToBase64String(SHA1.HashData(bytes[..10]));

        using var response = await Client.SendAsync(Patch(upload, 1000, bytes[1000..], $"sha1 {wrong}"));

        await UploadsApiTests.AssertProblemAsync(response, (HttpStatusCode)460, "checksum_mismatch");
        Assert.Equal(1000, await OffsetAsync(Client, upload));
        // The discarded chunk can be sent again, and what is stored is the good bytes.
        using var retry = await Client.SendAsync(Patch(upload, 1000, bytes[1000..]));
        using var rest = await Client.SendAsync(Patch(upload, 5000, new byte[5000]));
        Assert.Equal(HttpStatusCode.NoContent, rest.StatusCode);
        byte[] expected = [.. bytes, .. new byte[5000]];
        Assert.Equal(expected, await ReadStoredAsync(Cluster, MediaKeys.Source(videoId)));
    }

    [Fact]
    public async Task Patch_UnsupportedChecksumAlgorithm_Returns400()
    {
        var (_, upload) = await CreateUploadAsync(Client, Cluster, 10);

        using var response = await Client.SendAsync(Patch(upload, 0, new byte[10], "md5 1B2M2Y8AsgTpgAmY7PhCfg=="));

        await UploadsApiTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, "unsupported_checksum_algorithm");
    }
}
