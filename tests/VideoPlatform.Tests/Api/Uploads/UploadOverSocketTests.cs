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

/// <summary>PATCHes over a real socket: bodies that stall or break off midway.</summary>
[Collection(ClusterCollection.Name)]
public sealed class UploadOverSocketTests(PlatformClusterFixture cluster) : IAsyncLifetime
{
    private readonly ApiFactory api = new(cluster);
    private Uri baseAddress = null!;

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
        using var client = new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", user.AccessToken);
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
    public async Task Patch_LargeBodies_TakenFromTheSocket_KeepEveryByteThroughAHangUpAndAChecksum()
    {
        using var user = await api.RegisterUserAsync();
        using var client = new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", user.AccessToken);
        // Both PATCHes are above Uploads:DirectReceiveBytes (16 MiB), so their bodies are received from the socket.
        var bytes = RandomBytes(44 << 20);
        const int Sent = 20 << 20;
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
        Assert.True(right.Headers.ConnectionClose, "the body was expected to be taken from the socket");
        Assert.Equal(bytes, await ReadStoredAsync(cluster, MediaKeys.Source(videoId)));
        UploadAssertions.Completed(await VideoAsync(cluster, videoId));
    }

    [Fact]
    public async Task Patch_ConcurrentOnOneUpload_ExactlyOneWins()
    {
        using var user = await api.RegisterUserAsync();
        using var client = new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", user.AccessToken);
        var (_, upload) = await CreateUploadAsync(client, cluster, 900_000);
        var staged = MediaKeys.UploadData(upload.OriginalString.Split('/')[^1]);
        var gate = new GatedStream(new byte[900_000], releaseAfter: 100_000);
        var slow = client.SendAsync(Patch(upload, 0, new StreamContent(gate)));
        await gate.Reached.WaitAsync(TimeSpan.FromSeconds(10));
        // Bytes on disk mean the first PATCH holds the lease and is streaming.
        for (var i = 0; i < 100 && (await ReadStoredAsync(cluster, staged))?.Length is null or 0; i++)
        {
            await Task.Delay(50);
        }

        using var second = await client.SendAsync(Patch(upload, 0, new byte[900_000]));
        gate.Release();
        using var first = await slow;

        await UploadsApiTests.AssertProblemAsync(second, HttpStatusCode.Locked, "upload_locked");
        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(900_000, await OffsetAsync(client, upload));
    }

    private async Task SendHalfAndHangUpAsync(Uri upload, byte[] bytes, int sent, string token)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(baseAddress.Host, baseAddress.Port);
        var stream = socket.GetStream();
        var head = $"PATCH {upload.OriginalString} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nTus-Resumable: 1.0.0\r\n" +
            $"Authorization: Bearer {token}\r\nUpload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\n" +
            $"Content-Length: {bytes.Length.ToString(CultureInfo.InvariantCulture)}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(bytes.AsMemory(0, sent));
        await stream.FlushAsync();
        await Task.Delay(300); // let the server read what was sent before the line goes dead
        socket.Client.Shutdown(SocketShutdown.Both);
    }

    private static async Task<long> WaitForOffsetAsync(HttpClient client, Uri upload, long expected)
    {
        var offset = 0L;
        for (var attempt = 0; attempt < 50 && offset != expected; attempt++)
        {
            await Task.Delay(100);
            offset = await OffsetAsync(client, upload);
        }

        return offset;
    }
}
