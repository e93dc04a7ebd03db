using VideoPlatform.Storage;

namespace VideoPlatform.TranscodeSilo.Transcoding.Worker;

/// <summary>
/// Publishes a ladder while ffmpeg still encodes it, so a video can be watched while it processes. Each look copies
/// every rung's new finished segments (and its init segment once) into the store, then the rung's growing EVENT
/// playlist; once every rung has a segment, a master playlist with the planned bandwidths follows and
/// <c>announce</c> is told its key, until it answers true. The final publish (<see cref="OutputPublisher"/>) skips what is
/// <see cref="Published"/> and replaces the playlists with finished VOD ones and the master with measured figures.
/// </summary>
public sealed class ProgressivePublisher(IObjectStore store, string videoId, Func<string, CancellationToken, Task<bool>> announce) : IEncodeWatcher
{
    private readonly HashSet<string> published = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> playlists = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> codecs = new(StringComparer.Ordinal);

    /// <summary>Files (relative to the ladder's folder, '/'-separated) already in the store with their final bytes.</summary>
    public IReadOnlySet<string> Published => published;

    /// <summary>The master playlist's key once the video has been announced playable.</summary>
    public string? MasterKey { get; private set; }

    public async Task OnEncodingAsync(string workFolder, LadderPlan plan, CancellationToken cancellationToken)
    {
        foreach (var rung in plan.Rungs)
        {
            await PublishRungAsync(workFolder, rung, cancellationToken);
        }

        if (MasterKey is null && plan.Rungs.All(r => playlists.ContainsKey(r.Name)))
        {
            var stats = plan.Rungs.Select(r => RenditionStats.Planned(r, codecs[r.Name], plan.HasAudio)).ToList();
            var key = MediaKeys.Video(videoId, Transcoder.MasterName);
            await store.PutTextAsync(key, MasterPlaylistWriter.Write(stats, plan.FrameRate, plan.HasAudio), cancellationToken);
            if (await announce(key, cancellationToken))
            {
                MasterKey = key;
            }
        }
    }

    private async Task PublishRungAsync(string workFolder, Rung rung, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(workFolder, rung.Name);
        string text;
        try
        {
            // ffmpeg writes EVENT playlists to a temp file and renames it: a read sees a whole version or none.
            text = await File.ReadAllTextAsync(Path.Combine(folder, "index.m3u8"), cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return; // no segment finished yet
        }

        if (playlists.TryGetValue(rung.Name, out var last) && last == text)
        {
            return;
        }

        var playlist = MediaPlaylist.Parse(text);
        if (playlist.MapUri is not { } map || playlist.Segments.Count == 0)
        {
            return;
        }

        var init = $"{rung.Name}/{RenditionFinisher.InitSegmentName}";
        if (!codecs.ContainsKey(rung.Name))
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(folder, map), cancellationToken);
            await PutAsync(init, new MemoryStream(bytes, writable: false), cancellationToken);
            codecs[rung.Name] = AvcCodecString.FromInitSegment(bytes) ?? AvcCodecString.Fallback(rung.Profile);
        }

        // A listed segment is complete: ffmpeg closes it before it rewrites the playlist.
        foreach (var (uri, _) in playlist.Segments)
        {
            var relative = $"{rung.Name}/{uri}";
            if (!published.Contains(relative))
            {
                await using var segment = File.OpenRead(Path.Combine(folder, uri));
                await PutAsync(relative, segment, cancellationToken);
            }
        }

        var key = MediaKeys.Video(videoId, $"{rung.Name}/index.m3u8");
        await store.PutTextAsync(key, MediaPlaylist.Growing(text, RenditionFinisher.InitSegmentName), cancellationToken);
        playlists[rung.Name] = text;
    }

    private async Task PutAsync(string relative, Stream content, CancellationToken cancellationToken)
    {
        await OutputPublisher.PutAsync(store, videoId, relative, content, cancellationToken);
        published.Add(relative);
    }
}
