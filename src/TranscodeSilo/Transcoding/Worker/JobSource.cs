using System.Security.Cryptography;
using VideoPlatform.Infrastructure.Storage;

namespace VideoPlatform.TranscodeSilo.Transcoding.Worker;

/// <summary>A job's source: a file for ffprobe and ffmpeg, and its SHA-256.</summary>
public static class JobSource
{
    /// <summary>
    /// The source as a file ffprobe and ffmpeg can open, and its SHA-256. A store whose objects are local files lends the
    /// file itself (only read, to hash it); any other store is downloaded into the job's folder.
    /// </summary>
    public static async Task<(string File, string Sha256)> OpenAsync(IObjectStore store, string sourceKey, string work, CancellationToken cancellationToken)
    {
        if (store is ILocalFileObjectStore local && local.LocalFile(sourceKey) is { } inPlace)
        {
            await using var file = new FileStream(inPlace, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 20, FileOptions.SequentialScan | FileOptions.Asynchronous);
            return (inPlace, Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken)));
        }

        return await DownloadAsync(store, sourceKey, work, cancellationToken);
    }

    private static async Task<(string File, string Sha256)> DownloadAsync(IObjectStore store, string sourceKey, string work, CancellationToken cancellationToken)
    {
        var file = Path.Combine(work, "source");
        await using var content = await store.GetAsync(sourceKey, cancellationToken: cancellationToken)
            ?? throw new IOException($"source object '{sourceKey}' is missing");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var target = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await content.Stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }

        return (file, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
