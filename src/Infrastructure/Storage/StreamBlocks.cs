namespace VideoPlatform.Infrastructure.Storage;

internal static class StreamBlocks
{
    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns the bytes read.</summary>
    public static async Task<int> FillAsync(Stream source, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await source.ReadAsync(buffer[filled..], cancellationToken);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }

    /// <summary>Reads and discards up to <paramref name="count"/> bytes; returns how many there were.</summary>
    public static async Task<long> SkipAsync(Stream source, long count, CancellationToken cancellationToken)
    {
        var buffer = new byte[(int)Math.Min(count, 81920)];
        long skipped = 0;
        while (skipped < count)
        {
            var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count - skipped)), cancellationToken);
            if (read == 0)
            {
                break;
            }

            skipped += read;
        }

        return skipped;
    }
}
