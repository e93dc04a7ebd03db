using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using VideoPlatform.Storage;

namespace VideoPlatform.Api.Playback;

/// <summary>
/// The small objects of Ready videos (media playlists, the master, storyboard cues, init segments, small images) held
/// in memory, so that a player's playlist requests stop costing the store a round trip each (a dozen system calls for
/// object and metadata on the FileSystem store, an HTTP request on S3).
/// A Ready video's objects do not change (Ready leads only to Deleted, and ids are never reused), so an entry needs no
/// revalidation; callers ask <see cref="PlaybackAccess"/> first, which stops a deleted video's entries from being served.
/// Bounded by <see cref="PlaybackSettings.CacheBytes"/> in all; objects over <see cref="PlaybackSettings.CacheObjectBytes"/>
/// (most segments; a low rung's may fit) always come from the store.
/// </summary>
public sealed class PlaybackObjectCache : IDisposable
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(2);

    private readonly IObjectStore store;
    private readonly long maxObject;
    private readonly MemoryCache? entries;

    public PlaybackObjectCache(IObjectStore store, IOptions<PlaybackSettings> options)
    {
        this.store = store;
        var settings = options.Value;
        maxObject = Math.Min(settings.CacheObjectBytes, settings.CacheBytes);
        entries = maxObject > 0 ? new MemoryCache(new MemoryCacheOptions { SizeLimit = settings.CacheBytes }) : null;
    }

    /// <summary>
    /// The object (or <paramref name="range"/> of it); null when it does not exist. Kept in memory when it is small and
    /// <paramref name="final"/> (its video is Ready): a video still processing rewrites its growing playlists.
    /// </summary>
    public async Task<ObjectContent?> GetAsync(string key, ByteRange? range, bool final, CancellationToken cancellationToken)
    {
        if (entries is null || !final)
        {
            return await store.GetAsync(key, range, cancellationToken);
        }

        if (entries.TryGetValue(key, out CachedObject? hit))
        {
            return hit!.Open(key, range);
        }

        if (range is not null)
        {
            // Players ask for whole objects; a range of one not yet in memory is read as asked, not kept.
            return await store.GetAsync(key, range, cancellationToken);
        }

        var content = await store.GetAsync(key, null, cancellationToken);
        if (content is null || content.Length > maxObject)
        {
            return content;
        }

        CachedObject loaded;
        await using (content)
        {
            var bytes = new byte[content.Length];
            await content.Stream.ReadExactlyAsync(bytes, cancellationToken);
            loaded = new CachedObject(content.Info, bytes);
        }

        // Size counts the bytes; an entry's own objects are small beside a playlist.
        entries.Set(key, loaded, new MemoryCacheEntryOptions { Size = Math.Max(1, loaded.Bytes.Length), SlidingExpiration = Idle });
        return loaded.Open(key, null);
    }

    public void Dispose() => entries?.Dispose();

    private sealed record CachedObject(ObjectInfo Info, byte[] Bytes)
    {
        public ObjectContent Open(string key, ByteRange? range)
        {
            var (offset, length) = range is { } r ? r.Resolve(key, Bytes.Length) : (0L, Bytes.LongLength);
            return new ObjectContent(Info, new MemoryStream(Bytes, (int)offset, (int)length, writable: false), offset, length);
        }
    }
}
