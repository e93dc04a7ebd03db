using System.Security.Cryptography;
using VideoPlatform.Storage;

namespace VideoPlatform.TranscodeSilo.Transcoding.Worker;

/// <summary>A job's source: a file for ffprobe and ffmpeg, and its SHA-256 (possibly still being computed).</summary>
public sealed record JobSourceFile(string Path, Task<string> Sha256);

/// <summary>Gets a job's source ready for ffprobe and ffmpeg.</summary>
public static class JobSource
{
    /// <summary>
    /// A store whose objects are local files lends the file itself (only read), and its SHA-256 is computed while the
    /// probe and the encode already run: a 20 GiB upload would otherwise wait tens of seconds for its hash before
    /// anything else started. Any other store is downloaded into the job's folder, hashed on the way.
    /// </summary>
    public static async Task<JobSourceFile> OpenAsync(IObjectStore store, string sourceKey, string work, CancellationToken cancellationToken)
    {
        if (store is ILocalFileObjectStore local && local.LocalFile(sourceKey) is { } inPlace)
        {
            return new JobSourceFile(inPlace, HashAsync(inPlace, cancellationToken));
        }

        var (file, sha256) = await DownloadAsync(store, sourceKey, work, cancellationToken);
        return new JobSourceFile(file, Task.FromResult(sha256));
    }

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await Task.Yield(); // the caller goes on to the probe at once
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 20, FileOptions.SequentialScan | FileOptions.Asynchronous);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
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
