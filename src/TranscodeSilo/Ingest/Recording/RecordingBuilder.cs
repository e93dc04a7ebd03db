using VideoPlatform.Grains.Channels;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Storage;
using VideoPlatform.TranscodeSilo.Ingest.Packaging;
using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.TranscodeSilo.Ingest.Recording;

/// <summary>
/// Copies the segments a live session left in the store into the video's HLS tree, writes VOD playlists
/// (ENDLIST) and a master, and a poster from the middle of the recording. Works from the store alone, so a session
/// whose ingest node died is recorded up to its last uploaded segment.
/// </summary>
public sealed class RecordingBuilder(IObjectStore store, MediaTools tools)
{
    /// <returns>Null when the session left no segment at all.</returns>
    public async Task<TranscodeOutput?> BuildAsync(RecordingJob job, CancellationToken cancellationToken)
    {
        var live = MediaKeys.LiveSessionPrefix(job.ChannelId, job.SessionId);
        var rungs = new List<(RecordedRung Rung, IReadOnlyList<LiveSegment> Segments)>();
        foreach (var rung in await RungsAsync(live, job, cancellationToken))
        {
            var index = await store.GetTextAsync($"{live}{rung.Name}/index.m3u8", cancellationToken);
            var segments = index is null ? [] : HlsPlaylistParser.Parse(index);
            if (segments.Count > 0)
            {
                rungs.Add((rung, segments));
            }
        }

        if (rungs.Count == 0)
        {
            return null;
        }

        long size = 0;
        foreach (var (rung, segments) in rungs)
        {
            foreach (var segment in segments)
            {
                var copied = await CopyAsync($"{live}{rung.Name}/{segment.Uri}", MediaKeys.Video(job.VideoId, $"{rung.Name}/{segment.Uri}"), cancellationToken);
                size += rung == rungs[0].Rung ? copied : 0;
            }

            await store.PutTextAsync(MediaKeys.Video(job.VideoId, $"{rung.Name}/index.m3u8"), LivePlaylistWriter.Vod(segments), cancellationToken);
        }

        var masterKey = MediaKeys.Video(job.VideoId, MediaKeys.MasterPlaylist);
        await store.PutTextAsync(masterKey, RecordingPlaylists.Master(rungs.Select(r => r.Rung)), cancellationToken);
        var top = rungs[0];
        var poster = MediaKeys.Video(job.VideoId, MediaKeys.PosterPath);
        var posterKey = await PosterAsync(live, top.Rung.Name, top.Segments[top.Segments.Count / 2], poster, cancellationToken);
        var fps = job.Media?.FrameRate ?? 0;
        return new TranscodeOutput
        {
            Source = new Grains.Videos.SourceInfo
            {
                Container = "hls",
                VideoCodec = job.Media?.VideoCodec is { Length: > 0 } codec ? codec : "h264",
                AudioCodec = job.Media?.AudioCodec,
                Width = top.Rung.Width > 0 ? top.Rung.Width : job.Media?.Width ?? 0,
                Height = top.Rung.Height > 0 ? top.Rung.Height : job.Media?.Height ?? 0,
                FrameRate = fps,
                DurationSeconds = top.Segments.Sum(s => s.Duration),
                Size = size,
            },
            Renditions = rungs.Select(r => new Rendition(r.Rung.Name, r.Rung.Width, r.Rung.Height, (int)Math.Min(r.Rung.Bandwidth, int.MaxValue), fps)).ToList(),
            MasterKey = masterKey,
            PosterKey = posterKey,
        };
    }

    private async Task<IReadOnlyList<RecordedRung>> RungsAsync(string live, RecordingJob job, CancellationToken cancellationToken)
    {
        if (await store.GetTextAsync(MediaKeys.LiveMaster(job.ChannelId, job.SessionId), cancellationToken) is { } master && RecordingPlaylists.Rungs(master) is { Count: > 0 } rungs)
        {
            return rungs;
        }

        // The node died before every rung had a segment (no master yet): take whatever rungs have an index.
        var names = new List<string>();
        await foreach (var info in store.ListAsync(live, cancellationToken))
        {
            if (info.Key.EndsWith("/index.m3u8", StringComparison.Ordinal) && info.Key[live.Length..].Split('/') is [var name, _])
            {
                names.Add(name);
            }
        }

        return names.OrderBy(n => n == LiveLadderPlanner.SourceRung ? 0 : 1).ThenBy(n => n, StringComparer.Ordinal)
            .Select(n => new RecordedRung(n, 0, 0, job.Media?.Bitrate ?? 0)).ToList();
    }

    private async Task<string?> PosterAsync(string live, string rung, LiveSegment segment, string key, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"vp-rec-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var input = Path.Combine(folder, "segment.ts");
            await using (var content = await store.GetAsync($"{live}{rung}/{segment.Uri}", cancellationToken: cancellationToken))
            {
                if (content is null)
                {
                    return null;
                }

                await using var file = File.Create(input);
                await content.Stream.CopyToAsync(file, cancellationToken);
            }

            var run = await ToolProcess.RunAsync(tools.FfmpegPath, RecordingPosterArguments.Build(input), folder, null, cancellationToken);
            if (!run.Succeeded)
            {
                return null; // a recording without a poster still plays
            }

            await using var poster = File.OpenRead(Path.Combine(folder, RecordingPosterArguments.PosterFile));
            await store.PutAsync(key, poster, MediaContentTypes.For(key), cancellationToken);
            return key;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<long> CopyAsync(string from, string to, CancellationToken cancellationToken)
    {
        await using var content = await store.GetAsync(from, cancellationToken: cancellationToken)
            ?? throw new IOException($"segment '{from}' is listed but missing");
        var info = await store.PutAsync(to, content.Stream, MediaContentTypes.For(to), cancellationToken);
        return info.Length;
    }
}
