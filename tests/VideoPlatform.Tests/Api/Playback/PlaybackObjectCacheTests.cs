using System.Text;
using Microsoft.Extensions.Options;
using VideoPlatform.Api.Playback;
using VideoPlatform.Storage;
using VideoPlatform.Infrastructure.Storage.FileSystem;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api.Playback;

/// <summary>The small-object memory of /play over a real FileSystem store: what it keeps, what it always reads.</summary>
[Trait("Category", "Unit")]
public sealed class PlaybackObjectCacheTests : IDisposable
{
    private const string Playlist = "vod/v1/240p/index.m3u8";
    private const string Segment = "vod/v1/240p/seg_00000.m4s";

    private readonly TempFolder folder = new("vp-playcache");
    private readonly IObjectStore store;
    private readonly CountingStore counts;

    public PlaybackObjectCacheTests() => (store, counts) = CountingStore.Around(new FileSystemObjectStore(folder.Path, TimeProvider.System));

    [Fact]
    public async Task SmallObject_IsReadFromTheStoreOnce_ThenServedFromMemoryWithTheSameBytesAndTag()
    {
        var stored = await PutAsync(Playlist, "#EXTM3U\n#EXT-X-VERSION:7\n");
        using var cache = Cache(objectBytes: 1024);

        var first = await ReadAsync(cache, Playlist, null);
        var second = await ReadAsync(cache, Playlist, null);

        Assert.Equal(1, counts.GetsOf(Playlist));
        Assert.Equal("#EXTM3U\n#EXT-X-VERSION:7\n", second.Text);
        Assert.Equal(first.Text, second.Text);
        Assert.Equal(stored.ETag, second.Info.ETag);
        Assert.Equal(stored.Length, second.Info.Length);
    }

    [Fact]
    public async Task CachedObject_Range_GivesTheExactSliceAndItsOffset_AndPastTheEndIsUnsatisfiable()
    {
        await PutAsync(Playlist, "0123456789");
        using var cache = Cache(objectBytes: 1024);
        await ReadAsync(cache, Playlist, null);

        var middle = await ReadAsync(cache, Playlist, new ByteRange(2, 5));
        var tail = await ReadAsync(cache, Playlist, new ByteRange(null, 3));

        Assert.Equal(("2345", 2L), (middle.Text, middle.Offset));
        Assert.Equal(("789", 7L), (tail.Text, tail.Offset));
        await Assert.ThrowsAsync<ObjectRangeNotSatisfiableException>(() => cache.GetAsync(Playlist, new ByteRange(10, null), final: true, CancellationToken.None));
        Assert.Equal(1, counts.GetsOf(Playlist));
    }

    [Fact]
    public async Task ObjectOverTheLimit_IsReadFromTheStoreEveryTime_WholeOrRanged()
    {
        await PutAsync(Segment, new string('s', 2048));
        using var cache = Cache(objectBytes: 1024);

        var whole = await ReadAsync(cache, Segment, null);
        var again = await ReadAsync(cache, Segment, null);
        var ranged = await ReadAsync(cache, Segment, new ByteRange(2000, null));

        Assert.Equal(2048, whole.Text.Length);
        Assert.Equal(2048, again.Text.Length);
        Assert.Equal((48, 2000L), (ranged.Text.Length, ranged.Offset));
        Assert.True(counts.GetsOf(Segment) >= 3, $"store read {counts.GetsOf(Segment)} times");
    }

    [Fact]
    public async Task MissingObject_IsNull_AndNotRemembered()
    {
        using var cache = Cache(objectBytes: 1024);

        Assert.Null(await cache.GetAsync(Playlist, null, final: true, CancellationToken.None));
        await PutAsync(Playlist, "#EXTM3U\n");

        Assert.Equal("#EXTM3U\n", (await ReadAsync(cache, Playlist, null)).Text);
    }

    [Fact]
    public async Task NoMemory_EveryReadGoesToTheStore()
    {
        await PutAsync(Playlist, "#EXTM3U\n");
        using var cache = new PlaybackObjectCache(store, Options.Create(new PlaybackSettings { CacheBytes = 0 }));

        await ReadAsync(cache, Playlist, null);
        await ReadAsync(cache, Playlist, null);

        Assert.Equal(2, counts.GetsOf(Playlist));
    }

    [Fact]
    public async Task ObjectOfAVideoStillProcessing_IsReadFromTheStoreEveryTime()
    {
        await PutAsync(Playlist, "#EXTM3U\n");
        using var cache = Cache(objectBytes: 1024);

        for (var i = 0; i < 2; i++)
        {
            await using var content = await cache.GetAsync(Playlist, null, final: false, CancellationToken.None);
            Assert.NotNull(content);
        }

        Assert.Equal(2, counts.GetsOf(Playlist));
    }

    public void Dispose() => folder.Dispose();

    private PlaybackObjectCache Cache(long objectBytes) =>
        new(store, Options.Create(new PlaybackSettings { CacheBytes = 1 << 20, CacheObjectBytes = objectBytes }));

    private async Task<ObjectInfo> PutAsync(string key, string text)
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return await store.PutAsync(key, content, "application/vnd.apple.mpegurl");
    }

    private static async Task<(string Text, long Offset, ObjectInfo Info)> ReadAsync(PlaybackObjectCache cache, string key, ByteRange? range)
    {
        await using var content = await cache.GetAsync(key, range, final: true, CancellationToken.None)
            ?? throw new InvalidOperationException($"{key} not found");
        using var reader = new StreamReader(content.Stream);
        return (await reader.ReadToEndAsync(), content.Offset, content.Info);
    }
}
