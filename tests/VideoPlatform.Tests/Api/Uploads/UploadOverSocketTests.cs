using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using VideoPlatform.Grains.Uploads;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Storage;
using VideoPlatform.Tests.Fixtures;
using static VideoPlatform.Tests.Api.Uploads.TusRequests;

namespace VideoPlatform.Tests.Api.Uploads;

/// <summary>PATCHes to the Api on Kestrel over a real socket: bodies that break off midway or go silent.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class UploadOverSocketTests : IAsyncLifetime
{
    private readonly PlatformClusterFixture cluster;
    private readonly BodyByteCounter bodyBytes = new();
    private readonly ApiFactory api;
    private Uri baseAddress = null!;

    public UploadOverSocketTests(PlatformClusterFixture cluster)
    {
        this.cluster = cluster;
        api = new(cluster) { BodyBytes = bodyBytes };
    }

    public Task InitializeAsync()
    {
        baseAddress = KestrelApi.Start(api);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task Patch_ConnectionClosedMidBody_KeepsReceivedBytesAndResumes()
    {
        using var user = await api.RegisterUserAsync();
        using var client = ClientOf(user.AccessToken);
        var bytes = RandomBytes(400_000);
        var (videoId, upload) = await CreateUploadAsync(client, cluster, bytes.Length);

        await SendHalfAndHangUpAsync(upload, bytes, sent: 150_000, user.AccessToken);
        var offset = await WaitForOffsetAsync(client, upload, expected: 150_000);
        using var rest = await client.SendAsync(Patch(upload, offset, bytes[(int)offset..]));

        Assert.Equal(150_000, offset);
        Assert.Equal(HttpStatusCode.NoContent, rest.StatusCode);
        Assert.Equal(bytes, await ReadStoredAsync(cluster, MediaKeys.Source(videoId)));
        UploadAssertions.Completed((await VideoAsync(cluster, videoId)));
    }

    [Fact]
    public async Task Patch_LargeBodies_KeepEveryByteThroughAHangUpAndAChecksumMismatch()
    {
        using var user = await api.RegisterUserAsync();
        using var client = ClientOf(user.AccessToken);
        var bytes = RandomBytes(44 << 20);
        // Not a multiple of a page or of a read: the last partial read before the hang-up must still be kept.
        const int Sent = (20 << 20) + 12345;
        var (videoId, upload) = await CreateUploadAsync(client, cluster, bytes.Length);

        await SendHalfAndHangUpAsync(upload, bytes, Sent, user.AccessToken);
        var offset = await WaitForOffsetAsync(client, upload, expected: Sent);
        var rest = bytes[(int)offset..];
        var checksum = "sha256 " + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(rest));
        using var wrong = await client.SendAsync(Patch(upload, offset, rest, "sha256 " + Convert.ToBase64String(new byte[32])));
        var afterWrong = await OffsetAsync(client, upload);
        using var right = await client.SendAsync(Patch(upload, offset, rest, checksum));

        Assert.Equal(Sent, offset);
        Assert.Equal(460, (int)wrong.StatusCode);
        Assert.Equal(Sent, afterWrong);
        Assert.Equal(HttpStatusCode.NoContent, right.StatusCode);
        Assert.Equal(bytes, await ReadStoredAsync(cluster, MediaKeys.Source(videoId)));
        UploadAssertions.Completed(await VideoAsync(cluster, videoId));
    }

    [Fact]
    public async Task Patch_ClientGoesSilentMidBody_KestrelsMinimumDataRateEndsIt_AndTheUploadResumes()
    {
        using var user = await api.RegisterUserAsync();
        using var client = ClientOf(user.AccessToken);
        var bytes = RandomBytes(300_000);
        var (videoId, upload) = await CreateUploadAsync(client, cluster, bytes.Length);

        // 100 bytes and then nothing: far below Kestrel's minimum request body data rate once its grace period is over.
        using var silent = await OpenPatchAsync(upload, bytes.Length, user.AccessToken);
        await silent.GetStream().WriteAsync(bytes.AsMemory(0, 100));
        var offset = await WaitForOffsetAsync(client, upload, expected: 100);
        using var rest = await client.SendAsync(Patch(upload, offset, bytes[(int)offset..]));

        Assert.Equal(100, offset);
        Assert.Equal(HttpStatusCode.NoContent, rest.StatusCode);
        Assert.Equal(bytes, await ReadStoredAsync(cluster, MediaKeys.Source(videoId)));
    }

    [Fact]
    public async Task Patch_ConcurrentOnOneUpload_ExactlyOneWins()
    {
        using var user = await api.RegisterUserAsync();
        using var client = ClientOf(user.AccessToken);
        var (_, upload) = await CreateUploadAsync(client, cluster, 900_000);
        var staged = MediaKeys.UploadData(upload.OriginalString.Split('/')[^1]);
        var gate = new GatedStream(new byte[900_000], releaseAfter: 100_000);
        var slow = client.SendAsync(Patch(upload, 0, new StreamContent(gate)));
        await gate.Reached.WaitAsync(TimeSpan.FromSeconds(10));
        // Bytes on disk mean the first PATCH holds the lease and is streaming.
        Assert.True(await Eventually.WaitAsync(async () => (await ReadStoredAsync(cluster, staged))?.Length is > 0, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50)),
            "the first PATCH's bytes never reached the store");

        using var second = await client.SendAsync(Patch(upload, 0, new byte[900_000]));
        gate.Release();
        using var first = await slow;

        await UploadsApiTests.AssertProblemAsync(second, HttpStatusCode.Locked, "upload_locked");
        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(900_000, await OffsetAsync(client, upload));
    }

    private async Task SendHalfAndHangUpAsync(Uri upload, byte[] bytes, int sent, string token)
    {
        var before = bodyBytes.Total;
        using var socket = await OpenPatchAsync(upload, bytes.Length, token);
        var stream = socket.GetStream();
        await stream.WriteAsync(bytes.AsMemory(0, sent));
        await stream.FlushAsync();
        // The line goes dead only once the server has read what was sent (one test at a time in this collection).
        var read = await Eventually.WaitAsync(() => Task.FromResult(bodyBytes.Total - before >= sent), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(20));
        Assert.True(read, $"the server read {bodyBytes.Total - before} of {sent} bytes");
        socket.Client.Shutdown(SocketShutdown.Both);
    }

    private HttpClient ClientOf(string accessToken)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", accessToken);
        return client;
    }

    /// <summary>A connection that has sent the head of a PATCH at offset 0 announcing <paramref name="length"/> body bytes.</summary>
    private async Task<TcpClient> OpenPatchAsync(Uri upload, int length, string token)
    {
        var socket = new TcpClient();
        await socket.ConnectAsync(baseAddress.Host, baseAddress.Port);
        var head = $"PATCH {upload.OriginalString} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nTus-Resumable: 1.0.0\r\n" +
            $"Authorization: Bearer {token}\r\nUpload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\n" +
            $"Content-Length: {length.ToString(CultureInfo.InvariantCulture)}\r\n\r\n";
        await socket.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head));
        return socket;
    }

    /// <summary>Polls the upload's offset until it is <paramref name="expected"/> (the broken PATCH committed) or a generous deadline passes.</summary>
    private static async Task<long> WaitForOffsetAsync(HttpClient client, Uri upload, long expected)
    {
        var clock = Stopwatch.StartNew();
        var offset = await OffsetAsync(client, upload);
        while (offset != expected && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100);
            offset = await OffsetAsync(client, upload);
        }

        return offset;
    }
}
