using VideoPlatform.Storage;

namespace VideoPlatform.TranscodeSilo.Ingest.Packaging;

/// <summary>
/// Moves finished segments from FFmpeg's folder into the object store under <see cref="MediaKeys.LiveRung"/>,
/// then publishes per rung the sliding window (<c>live.m3u8</c>) and the full index (<c>index.m3u8</c>), and once
/// every rung has a segment, the master. A segment is finished once FFmpeg lists it (playlists are renamed into place).
/// </summary>
public sealed class LiveSegmentPublisher(IObjectStore store, string channelId, string sessionId, string workFolder, LiveLadder ladder, int window)
{
    private readonly Dictionary<string, RungProgress> rungs = ladder.Rungs.ToDictionary(r => r.Name, _ => new RungProgress());
    private bool masterPublished;

    public string Prefix => MediaKeys.LiveSessionPrefix(channelId, sessionId);

    public int SegmentCount => rungs.Values.Sum(r => r.All.Count);

    /// <summary>Told, per rung and sweep, how long the oldest new segment waited between FFmpeg closing it and its playlist landing.</summary>
    public Action<TimeSpan>? Lag { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The next segment number, and the segments a resumed session already has in the store.</summary>
    public async Task<int> ResumeAsync(CancellationToken cancellationToken)
    {
        foreach (var (name, progress) in rungs)
        {
            if (await store.GetTextAsync($"{Prefix}{name}/index.m3u8", cancellationToken) is not { } index)
            {
                continue;
            }

            progress.All.AddRange(HlsPlaylistParser.Parse(index));
            progress.Resumed = progress.All.Count > 0;
        }

        masterPublished = rungs.Values.All(r => r.All.Count > 0);
        return rungs.Values.Select(r => r.All.Count == 0 ? 0 : r.All[^1].Sequence + 1).DefaultIfEmpty(0).Max();
    }

    /// <returns>How many new segments were published.</returns>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var published = 0;
        foreach (var rung in ladder.Rungs)
        {
            published += await SweepRungAsync(rung.Name, rungs[rung.Name], cancellationToken);
        }

        if (!masterPublished && rungs.Values.All(r => r.All.Count > 0))
        {
            var master = LivePlaylistWriter.Master(ladder.Rungs, ladder.HasAudio, ladder.AudioKbps, r => MediaKeys.LiveRungPath(sessionId, r.Name, "live.m3u8"));
            await store.PutTextAsync(MediaKeys.LiveMaster(channelId, sessionId), master, cancellationToken);
            masterPublished = true;
        }

        return published;
    }

    /// <summary>The streamer unpublished: each rung's window gets its ENDLIST (after the final sweep).</summary>
    public async Task EndAsync(CancellationToken cancellationToken)
    {
        foreach (var (name, progress) in rungs.Where(r => r.Value.All.Count > 0))
        {
            await store.PutTextAsync($"{Prefix}{name}/live.m3u8", LivePlaylistWriter.Window(progress.All, window, ended: true), cancellationToken);
        }
    }

    private async Task<int> SweepRungAsync(string name, RungProgress progress, CancellationToken cancellationToken)
    {
        var local = Path.Combine(workFolder, name, "index.m3u8");
        IReadOnlyList<LiveSegment> listed;
        try
        {
            listed = File.Exists(local) ? HlsPlaylistParser.Parse(await File.ReadAllTextAsync(local, cancellationToken)) : [];
        }
        catch (IOException)
        {
            return 0; // replaced while we read it: next sweep
        }

        var added = 0;
        DateTimeOffset? oldest = null;
        foreach (var segment in listed.Skip(progress.LocalSeen))
        {
            var file = Path.Combine(workFolder, name, segment.Uri);
            oldest ??= File.GetLastWriteTimeUtc(file);
            await using (var stream = File.OpenRead(file))
            {
                await store.PutAsync($"{Prefix}{name}/{segment.Uri}", stream, MediaContentTypes.For(segment.Uri), cancellationToken);
            }

            File.Delete(file);
            var discontinuity = progress.Resumed && progress.LocalSeen == 0;
            progress.All.Add(segment with { Sequence = progress.All.Count == 0 ? segment.Sequence : progress.All[^1].Sequence + 1, Discontinuity = discontinuity });
            progress.LocalSeen++;
            added++;
        }

        if (added > 0)
        {
            await store.PutTextAsync($"{Prefix}{name}/index.m3u8", LivePlaylistWriter.Event(progress.All), cancellationToken);
            await store.PutTextAsync($"{Prefix}{name}/live.m3u8", LivePlaylistWriter.Window(progress.All, window), cancellationToken);
            Lag?.Invoke(Time.GetUtcNow() - oldest!.Value);
        }

        return added;
    }

    private sealed class RungProgress
    {
        public List<LiveSegment> All { get; } = [];
        public int LocalSeen { get; set; }
        public bool Resumed { get; set; }
    }
}
