using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using VideoPlatform.Grains.Users;
using VideoPlatform.Tests.Fixtures;
using static VideoPlatform.Tests.Api.Uploads.TusRequests;

namespace VideoPlatform.Tests.Api.Uploads;

/// <summary>
/// A hostile tus client on loopback: many uploads claiming gigabytes, each PATCH announcing all of them, sending one
/// MiB and hanging up, again and again. The disk holds only what arrived, and the uploads expire on the schedule set
/// at their creation however often such PATCHes come.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class HostileUploadClientTests(PlatformClusterFixture cluster) : IAsyncLifetime
{
    private const int Uploads = 6;
    private const int Chunk = 1024 * 1024;
    private const long Claimed = 8L * 1024 * 1024 * 1024;

    private readonly ApiFactory api = new(cluster, new Dictionary<string, string?>
    {
        ["VideoPlatform:Uploads:Expiration"] = "00:00:04",
        ["VideoPlatform:Quotas:MaxStoredBytes"] = "0",
        ["VideoPlatform:Quotas:MaxConcurrentUploads"] = Uploads.ToString(CultureInfo.InvariantCulture),
    });

    private Uri baseAddress = null!;

    public Task InitializeAsync()
    {
        baseAddress = KestrelApi.Start(api);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task HangingUpPatches_ClaimingGigabytes_KeepOnlyReceivedBytesAndExpireOnSchedule()
    {
        using var user = await api.RegisterUserAsync();
        using var client = new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", user.AccessToken);
        var uploads = new List<(string Id, Uri Url, DateTimeOffset ExpiresAt)>();
        for (var i = 0; i < Uploads; i++)
        {
            var (_, url) = await CreateUploadAsync(client, cluster, Claimed);
            uploads.Add((url.OriginalString.Split('/')[^1], url, (await HeadAsync(client, url)).ExpiresAt!.Value));
        }

        var chunk = RandomBytes(Chunk);
        var sent = new long[Uploads];
        var gone = new bool[Uploads];
        var lateBy = new TimeSpan[Uploads];
        var movedExpiry = new List<string>();
        var largestOverrun = 0L;
        var clock = Stopwatch.StartNew();
        // Bounded: the rounds stop when every upload is gone (410) or after 60 s, whichever comes first.
        while (!gone.All(g => g) && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            for (var i = 0; i < Uploads; i++)
            {
                if (gone[i])
                {
                    continue;
                }

                var head = await HeadAsync(client, uploads[i].Url);
                if (head.Status == HttpStatusCode.Gone)
                {
                    gone[i] = true;
                    lateBy[i] = TimeProvider.System.GetUtcNow() - uploads[i].ExpiresAt;
                    continue;
                }

                if (head.ExpiresAt != uploads[i].ExpiresAt)
                {
                    movedExpiry.Add($"{uploads[i].Id}: {uploads[i].ExpiresAt:O} -> {head.ExpiresAt:O}");
                }

                await PatchAndHangUpAsync(uploads[i].Url, head.Offset, chunk, user.AccessToken);
                sent[i] += Chunk;
            }

            var received = 0L;
            foreach (var upload in uploads)
            {
                var head = await HeadAsync(client, upload.Url);
                received += head.Status == HttpStatusCode.OK ? head.Offset : 0;
            }

            largestOverrun = Math.Max(largestOverrun, await DiskUsageAsync(uploads.Select(u => u.Id)) - received);
        }

        Assert.True(gone.All(g => g), $"uploads still open after {clock.Elapsed}: the PATCHes kept them alive");
        Assert.Empty(movedExpiry);
        Assert.True(sent.Sum() >= Uploads * 2L * Chunk, $"the client sent only {sent.Sum()} bytes: too few rounds to tell");
        // A PATCH still writing holds up to one chunk not yet committed, plus block rounding: far below a claimed GiB.
        Assert.True(largestOverrun <= Uploads * (Chunk + 64L * 1024), $"the store used {largestOverrun} bytes more than it received");
        // Seen gone at the first look past the expiry set at creation (a round of HEADs and PATCHes takes well under 10 s).
        Assert.All(lateBy, late => Assert.True(late < TimeSpan.FromSeconds(10), $"expired {late} after its Upload-Expires"));
        Assert.Equal(0, (await cluster.Client.GetGrain<IUserQuotaGrain>(user.Id).GetUsage()).ConcurrentUploads);
        foreach (var upload in uploads)
        {
            Assert.Null(await ReadStoredAsync(cluster, VideoPlatform.Storage.MediaKeys.UploadData(upload.Id)));
        }
    }

    private static async Task<(HttpStatusCode Status, long Offset, DateTimeOffset? ExpiresAt)> HeadAsync(HttpClient client, Uri upload)
    {
        using var response = await client.SendAsync(Head(upload));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (response.StatusCode, 0, null);
        }

        var offset = long.Parse(response.Headers.GetValues("Upload-Offset").Single(), CultureInfo.InvariantCulture);
        var expires = DateTimeOffset.Parse(response.Headers.GetValues("Upload-Expires").Single(), CultureInfo.InvariantCulture);
        return (response.StatusCode, offset, expires);
    }

    /// <summary>Announces every byte the upload still lacks, sends one chunk, and closes the connection.</summary>
    private async Task PatchAndHangUpAsync(Uri upload, long offset, byte[] chunk, string token)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(baseAddress.Host, baseAddress.Port);
        var head = $"PATCH {upload.OriginalString} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nTus-Resumable: 1.0.0\r\n" +
            $"Authorization: Bearer {token}\r\nUpload-Offset: {offset.ToString(CultureInfo.InvariantCulture)}\r\n" +
            $"Content-Type: application/offset+octet-stream\r\nContent-Length: {(Claimed - offset).ToString(CultureInfo.InvariantCulture)}\r\n\r\n";
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(chunk);
        await stream.FlushAsync();
        socket.Client.Shutdown(SocketShutdown.Send);
    }

    /// <summary>Bytes the uploads' staged objects take on disk (allocated blocks, as <c>du</c> counts them).</summary>
    private async Task<long> DiskUsageAsync(IEnumerable<string> uploadIds)
    {
        var folders = uploadIds.Select(id => Path.Combine(cluster.StorageRoot, "objects", "uploads", id)).Where(Directory.Exists).ToList();
        if (folders.Count == 0)
        {
            return 0;
        }

        var info = new ProcessStartInfo("du") { RedirectStandardOutput = true };
        foreach (var argument in (string[])["-s", "-B1", "-c", .. folders])
        {
            info.ArgumentList.Add(argument);
        }

        using var du = Process.Start(info)!;
        var output = await du.StandardOutput.ReadToEndAsync();
        await du.WaitForExitAsync();
        // The last line is the total ("-c"); the folders hold only the staged data, never their parent's.
        return long.Parse(output.Trim().Split('\n')[^1].Split('\t')[0], CultureInfo.InvariantCulture);
    }
}
