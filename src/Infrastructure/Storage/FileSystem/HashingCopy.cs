using System.Buffers;
using System.Security.Cryptography;
using VideoPlatform.Storage;

namespace VideoPlatform.Infrastructure.Storage.FileSystem;

internal static class HashingCopy
{
    // Large enough that a fast request body lands in few write calls (Kestrel buffers up to 1 MiB of it).
    public const int BufferSize = 1024 * 1024;

    /// <summary>
    /// Streams <paramref name="source"/> into <paramref name="destination"/> through a fixed buffer, feeding every hash.
    /// With <paramref name="exactLength"/> it reads exactly that many bytes and fails if the source ends early.
    /// </summary>
    public static async Task<long> CopyAsync(
        Stream source, Stream destination, long? exactLength, IReadOnlyList<IncrementalHash> hashes, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long total = 0;
            while (exactLength is null || total < exactLength)
            {
                var want = exactLength is { } exact ? (int)Math.Min(BufferSize, exact - total) : BufferSize;
                var read = await source.ReadAsync(buffer.AsMemory(0, want), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                foreach (var hash in hashes)
                {
                    hash.AppendData(buffer, 0, read);
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                total += read;
            }

            return exactLength is { } expected && total != expected
                ? throw new EndOfStreamException($"The stream ended after {total} of {expected} bytes")
                : total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>ETags are the first 128 bits of SHA-256, hex: content-derived, so equal content gives equal ETags.</summary>
    public static string ETagOf(IncrementalHash hash) => Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 16));
}
