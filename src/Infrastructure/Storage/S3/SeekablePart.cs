using VideoPlatform.Storage;

namespace VideoPlatform.Infrastructure.Storage.S3;

/// <summary>
/// The SDK signs and checksums a part before sending it, so it needs a seekable body. A forward-only part is
/// copied once: into memory when small, into a self-deleting temp file when large.
/// </summary>
internal static class SeekablePart
{
    private const long InMemoryLimit = 16L * 1024 * 1024;

    public static async Task<Stream> CopyAsync(Stream content, long length, CancellationToken cancellationToken)
    {
        Stream copy = length <= InMemoryLimit
            ? new MemoryStream((int)length)
            : new FileStream(
                Path.Combine(Path.GetTempPath(), $"vp-s3part-{Guid.NewGuid():N}.tmp"), FileMode.CreateNew, FileAccess.ReadWrite,
                FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            var buffer = new byte[(int)Math.Min(Math.Max(length, 1), 81920)];
            long total = 0;
            while (total < length)
            {
                var read = await content.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length - total)), cancellationToken);
                if (read == 0)
                {
                    throw new EndOfStreamException($"The stream ended after {total} of {length} bytes");
                }

                await copy.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                total += read;
            }

            copy.Position = 0;
            return copy;
        }
        catch
        {
            await copy.DisposeAsync();
            throw;
        }
    }
}
