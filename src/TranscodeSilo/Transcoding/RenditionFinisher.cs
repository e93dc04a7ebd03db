namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>Tidies one rendition ffmpeg wrote and measures it for the master playlist.</summary>
public static class RenditionFinisher
{
    public const string InitSegmentName = "init.mp4";

    public static async Task<RenditionStats> FinishAsync(string workDirectory, Rung rung, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(workDirectory, rung.Name);
        var playlistPath = Path.Combine(folder, "index.m3u8");
        var text = await File.ReadAllTextAsync(playlistPath, cancellationToken).ConfigureAwait(false);
        var playlist = MediaPlaylist.Parse(text);
        if (playlist.Segments.Count == 0)
        {
            throw new MediaToolException($"ffmpeg wrote no segments for {rung.Name}.");
        }

        // With several variant streams ffmpeg 5.1 names init segments init_0.mp4, init_1.mp4, ... even though each
        // sits in its own folder; every rendition gets the same plain name instead.
        if (playlist.MapUri is { } map && map != InitSegmentName)
        {
            File.Move(Path.Combine(folder, map), Path.Combine(folder, InitSegmentName), overwrite: true);
        }

        // ffmpeg wrote an EVENT playlist so that it could be published while growing; finished, it is VOD.
        await File.WriteAllTextAsync(playlistPath, MediaPlaylist.Finished(text, InitSegmentName), cancellationToken).ConfigureAwait(false);

        var init = await File.ReadAllBytesAsync(Path.Combine(folder, InitSegmentName), cancellationToken).ConfigureAwait(false);
        long peak = 0, totalBytes = 0;
        double totalSeconds = 0;
        foreach (var (uri, duration) in playlist.Segments)
        {
            var bytes = new FileInfo(Path.Combine(folder, uri)).Length;
            totalBytes += bytes;
            totalSeconds += duration;
            if (duration > 0)
            {
                peak = Math.Max(peak, (long)Math.Ceiling(bytes * 8 / duration));
            }
        }

        var average = totalSeconds > 0 ? (long)Math.Ceiling(totalBytes * 8 / totalSeconds) : peak;
        var codec = AvcCodecString.FromInitSegment(init) ?? AvcCodecString.Fallback(rung.Profile);
        return new RenditionStats(rung, $"{rung.Name}/index.m3u8", Math.Max(peak, average), average, codec);
    }
}
