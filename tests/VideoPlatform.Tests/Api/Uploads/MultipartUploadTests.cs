using System.Net;
using VideoPlatform.Grains.Uploads;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Storage;
using VideoPlatform.Infrastructure.Storage.S3;
using VideoPlatform.Tests.Fixtures;
using static VideoPlatform.Tests.Api.Uploads.TusRequests;

namespace VideoPlatform.Tests.Api.Uploads;

/// <summary>The S3 bytes path against a real s3rver: 5 MiB parts in a multipart upload, the remainder staged as a tail.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class MultipartUploadTests(PlatformClusterFixture cluster) : IAsyncLifetime
{
    private const int MiB = 1024 * 1024;
    private readonly S3rverFixture s3 = new();
    private ApiFactory api = null!;
    private S3ObjectStore store = null!;

    public async Task InitializeAsync()
    {
        await s3.InitializeAsync();
        store = await s3.CreateStoreInNewBucketAsync();
        api = new ApiFactory(cluster, new Dictionary<string, string?>
        {
            ["VideoPlatform:Storage:Provider"] = "S3",
            ["VideoPlatform:Storage:S3:ServiceUrl"] = s3.ServiceUrl,
            ["VideoPlatform:Storage:S3:Bucket"] = store.Bucket,
            ["VideoPlatform:Storage:S3:AccessKey"] = S3rverFixture.AccessKey,
            ["VideoPlatform:Storage:S3:SecretKey"] = S3rverFixture.SecretKey,
        });
    }

    public async Task DisposeAsync()
    {
        await api.DisposeAsync();
        await s3.DisposeAsync();
    }

    [Fact]
    public async Task Patch_ChunksAcrossPartBoundaries_StagesTailAndAssemblesIdenticalSource()
    {
        using var user = await api.RegisterUserAsync();
        var client = user.Client;
        var bytes = RandomBytes(12 * MiB + 777);
        var (videoId, upload) = await CreateUploadAsync(client, cluster, bytes.Length);
        var uploadId = upload.OriginalString.Split('/')[^1];

        // 3 MiB: only a tail. 6 MiB: one 5 MiB part + a 1 MiB tail.
        using var first = await client.SendAsync(Patch(upload, 0, bytes[..(3 * MiB)]));
        using var second = await client.SendAsync(Patch(upload, 3 * MiB, bytes[(3 * MiB)..(6 * MiB)]));
        var staged = await ListAsync(MediaKeys.UploadPrefix(uploadId));
        using var third = await client.SendAsync(Patch(upload, 6 * MiB, bytes[(6 * MiB)..]));

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, third.StatusCode);
        var tail = Assert.Single(staged);
        Assert.Equal(1 * MiB, tail.Length);
        Assert.Matches($"^uploads/{uploadId}/tail-[0-9a-f]{{32}}$", tail.Key);
        Assert.Equal(bytes, await ReadAsync(MediaKeys.Source(videoId)));
        Assert.Empty(await ListAsync(MediaKeys.UploadPrefix(uploadId)));
        UploadAssertions.Completed((await VideoAsync(cluster, videoId)));
    }

    [Fact]
    public async Task Patch_SmallerThanOnePart_PutsTheTailAsTheSource()
    {
        using var user = await api.RegisterUserAsync();
        var client = user.Client;
        var bytes = RandomBytes(70_000);
        var (videoId, upload) = await CreateUploadAsync(client, cluster, bytes.Length);

        using var first = await client.SendAsync(Patch(upload, 0, bytes[..30_000]));
        using var second = await client.SendAsync(Patch(upload, 30_000, bytes[30_000..]));

        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        Assert.Equal(bytes, await ReadAsync(MediaKeys.Source(videoId)));
    }

    private async Task<List<ObjectInfo>> ListAsync(string prefix)
    {
        var list = new List<ObjectInfo>();
        await foreach (var info in store.ListAsync(prefix))
        {
            list.Add(info);
        }

        return list;
    }

    private async Task<byte[]> ReadAsync(string key)
    {
        await using var content = await store.GetAsync(key);
        Assert.NotNull(content);
        using var copy = new MemoryStream();
        await content.Stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
