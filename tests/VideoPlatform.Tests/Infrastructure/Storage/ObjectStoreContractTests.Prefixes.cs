using VideoPlatform.Storage;
using static VideoPlatform.Tests.Infrastructure.Storage.StoreData;

namespace VideoPlatform.Tests.Infrastructure.Storage;

/// <summary>Keys and prefixes: listing and deleting by prefix, and malformed keys refused by every operation.</summary>
public abstract partial class ObjectStoreContractTests
{
    [Fact]
    public async Task List_ByPrefix_ReturnsExactlyTheMatchingKeysInOrdinalOrder()
    {
        string[] keys = ["list/c", "list/b/2", "list/a", "lisx/z", "list/b/1", "other/list/a", "list/ab", "list/B"];
        foreach (var key in keys)
        {
            await PutAsync(Store, key, Random(3));
        }

        Assert.Equal(["list/B", "list/a", "list/ab", "list/b/1", "list/b/2", "list/c"], (await ListAsync(Store, "list/")).Select(i => i.Key));
        Assert.Equal(["list/b/1", "list/b/2"], (await ListAsync(Store, "list/b/")).Select(i => i.Key));
        Assert.Equal(["list/a", "list/ab"], (await ListAsync(Store, "list/a")).Select(i => i.Key));
        Assert.Equal(["lisx/z"], (await ListAsync(Store, "lisx")).Select(i => i.Key));
        Assert.Equal(keys.Order(StringComparer.Ordinal), (await ListAsync(Store, "")).Select(i => i.Key));
        Assert.Empty(await ListAsync(Store, "missing/"));
        var listed = (await ListAsync(Store, "list/c")).Single();
        Assert.Equal(3, listed.Length);
        Assert.Equal((await Store.HeadAsync("list/c"))!.ETag, listed.ETag);
    }

    [Fact]
    public async Task Delete_ReturnsWhetherTheObjectExisted_AndRemovesIt()
    {
        await PutAsync(Store, "d/one", Random(10));
        await PutAsync(Store, "d/two", Random(10));

        Assert.True(await Store.DeleteAsync("d/one"));
        Assert.False(await Store.DeleteAsync("d/one"));
        Assert.Null(await Store.GetAsync("d/one"));
        Assert.Equal(["d/two"], (await ListAsync(Store, "")).Select(i => i.Key));
    }

    [Fact]
    public async Task DeletePrefix_RemovesExactlyThePrefix()
    {
        string[] doomed = ["vod/v1/hls/master.m3u8", "vod/v1/hls/360p/seg_001.ts", "vod/v1/thumbs/0.jpg"];
        string[] kept = ["vod/v10/hls/master.m3u8", "vod/v2/hls/master.m3u8", "raw/v1/source"];
        foreach (var key in doomed.Concat(kept))
        {
            await PutAsync(Store, key, Random(16));
        }

        Assert.Equal(3, await Store.DeletePrefixAsync("vod/v1/"));
        Assert.Equal(kept.Order(StringComparer.Ordinal), (await ListAsync(Store, "")).Select(i => i.Key));
        Assert.Equal(0, await Store.DeletePrefixAsync("vod/v1/"));
        await PutAsync(Store, "vod/v1/hls/master.m3u8", Random(4)); // the emptied prefix is usable again
        Assert.NotNull(await Store.HeadAsync("vod/v1/hls/master.m3u8"));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a/../../x")]
    [InlineData("/abs")]
    [InlineData("a\\b")]
    [InlineData("a\0b")]
    [InlineData("a//b")]
    [InlineData("")]
    public async Task EveryOperation_TraversalOrMalformedKey_IsRejected(string key)
    {
        await Assert.ThrowsAsync<InvalidObjectKeyException>(() => PutAsync(Store, key, Random(4)));
        await Assert.ThrowsAsync<InvalidObjectKeyException>(() => Store.GetAsync(key));
        await Assert.ThrowsAsync<InvalidObjectKeyException>(() => Store.HeadAsync(key));
        await Assert.ThrowsAsync<InvalidObjectKeyException>(() => Store.DeleteAsync(key));
        await Assert.ThrowsAsync<InvalidObjectKeyException>(() => Store.InitiateMultipartAsync(key));
        Assert.Empty(await ListAsync(Store, ""));
    }

    [Theory]
    [InlineData("../")]
    [InlineData("/")]
    [InlineData("a//")]
    public async Task ListAndDeletePrefix_MalformedPrefix_IsRejected(string prefix)
    {
        await Assert.ThrowsAsync<InvalidObjectKeyException>(() => ListAsync(Store, prefix));
        await Assert.ThrowsAsync<InvalidObjectKeyException>(() => Store.DeletePrefixAsync(prefix));
    }
}
