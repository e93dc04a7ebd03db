using Microsoft.Extensions.DependencyInjection;
using VideoPlatform.Hosting.Configuration;
using VideoPlatform.Hosting.Storage;
using VideoPlatform.Storage;
using VideoPlatform.Infrastructure.Storage.FileSystem;
using VideoPlatform.Infrastructure.Storage.S3;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Infrastructure.Storage;

[Trait("Category", "Integration")]
public sealed class ObjectStoreRegistrationTests(S3rverFixture s3rver) : IClassFixture<S3rverFixture>
{
    [Fact]
    public void AddPlatformObjectStore_FileSystemWithRelativeRoot_ResolvesAgainstCurrentDirectory()
    {
        var options = new PlatformOptions();
        options.Storage.FileSystem.Root = "some/relative/objects";

        using var provider = new ServiceCollection().AddSingleton(TimeProvider.System).AddPlatformObjectStore(options).BuildServiceProvider();

        var store = Assert.IsType<FileSystemObjectStore>(provider.GetRequiredService<IObjectStore>());
        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "some", "relative", "objects"), store.Root);
        Assert.Same(store, provider.GetRequiredService<IObjectStore>());
    }

    [Fact]
    public async Task AddPlatformObjectStore_S3_TalksToTheConfiguredBucket()
    {
        var options = new PlatformOptions();
        options.Storage.Provider = StorageProvider.S3;
        options.Storage.S3.ServiceUrl = s3rver.ServiceUrl;
        options.Storage.S3.Bucket = s3rver.Bucket;
        options.Storage.S3.AccessKey = S3rverFixture.AccessKey;
        options.Storage.S3.SecretKey = S3rverFixture.SecretKey;

        await using var provider = new ServiceCollection().AddSingleton(TimeProvider.System).AddPlatformObjectStore(options).BuildServiceProvider();

        var store = Assert.IsType<S3ObjectStore>(provider.GetRequiredService<IObjectStore>());
        Assert.Equal(s3rver.Bucket, store.Bucket);
        await store.CheckAsync();
        var key = $"registration/{Guid.NewGuid():N}";
        await store.PutAsync(key, new MemoryStream([1, 2, 3]));
        Assert.Equal(3, (await store.HeadAsync(key))!.Length);
        Assert.True(await store.DeleteAsync(key));
    }

    [Fact]
    public async Task S3Store_MissingBucket_FailsWithAStoreNeutralException()
    {
        var store = S3ObjectStore.Create(s3rver.Settings($"absent-{Guid.NewGuid():N}"), TimeProvider.System);

        var failure = await Assert.ThrowsAsync<ObjectStoreUnavailableException>(() => store.CheckAsync());
        Assert.IsAssignableFrom<IOException>(failure);
        await Assert.ThrowsAsync<ObjectStoreUnavailableException>(() => store.PutAsync("a/b", new MemoryStream([1])));
        await Assert.ThrowsAsync<ObjectStoreUnavailableException>(async () =>
        {
            await foreach (var _ in store.ListAsync("a/"))
            {
            }
        });
    }
}
