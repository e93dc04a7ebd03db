using VideoPlatform.Storage;

namespace VideoPlatform.TranscodeSilo.Transcoding.Worker;

/// <summary>
/// Copies a finished transcode into the object store, each file under its <see cref="MediaKeys.Video"/> key.
/// Playlists go last, so a reader never finds a playlist whose segments are missing.
/// </summary>
public static class OutputPublisher
{
    /// <param name="alreadyPublished">Files a <see cref="ProgressivePublisher"/> put while encoding, with the same bytes.</param>
    public static async Task PublishAsync(
        IObjectStore store, string videoId, string folder, CancellationToken cancellationToken, IReadOnlySet<string>? alreadyPublished = null)
    {
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => alreadyPublished?.Contains(f) != true)
            .OrderBy(f => f.EndsWith(".m3u8", StringComparison.Ordinal) ? (f.Contains('/', StringComparison.Ordinal) ? 1 : 2) : 0)
            .ThenBy(f => f, StringComparer.Ordinal)
            .ToList();
        foreach (var file in files)
        {
            await using var stream = File.OpenRead(Path.Combine(folder, file));
            await PutAsync(store, videoId, file, stream, cancellationToken);
        }
    }

    /// <summary>One file of a video's output, under its key and typed from its name.</summary>
    public static async Task PutAsync(IObjectStore store, string videoId, string relativePath, Stream content, CancellationToken cancellationToken)
    {
        var key = MediaKeys.Video(videoId, relativePath);
        await store.PutAsync(key, content, MediaContentTypes.For(key), cancellationToken);
    }
}
