namespace VideoPlatform.Api.Transport;

/// <summary>
/// Where <see cref="SocketBodyReceiver"/>'s writes end. A receive returns what the network delivered (loopback
/// segments of 65483 bytes), so writing each one as it came would start and end writes inside pages; on ext4 those
/// cost about twice as much per byte as page-aligned ones (2 GiB written in 1 MiB steps from 12345 bytes into the file:
/// 0.98 s of CPU, from 0: 0.47 s; 2026-12-06). Writes therefore end on multiples of the stage's capacity.
/// </summary>
public static class BodyWritePlan
{
    public const int PageBytes = 4096;

    /// <summary>
    /// How many bytes the next write takes, given the file <paramref name="offset"/> it starts at and the
    /// <paramref name="remaining"/> body bytes: up to the next multiple of <paramref name="capacity"/> (a power of two),
    /// or the body's end if that comes first.
    /// </summary>
    public static int Due(long offset, long remaining, int capacity) =>
        (int)Math.Min(remaining, capacity - (offset % capacity));

    /// <summary>
    /// How many of the <paramref name="staged"/> bytes to write when the stage can take no more before its write is
    /// due (a pipe whose slots small packets filled): those up to the last page boundary, or all if none is crossed.
    /// </summary>
    public static int WhenFull(long offset, int staged)
    {
        var aligned = (int)UpToPage(offset, staged);
        return aligned > 0 ? aligned : staged;
    }

    /// <summary>How many of <paramref name="length"/> bytes written at <paramref name="offset"/> end on the last page boundary they reach (0 if none).</summary>
    public static long UpToPage(long offset, long length) =>
        Math.Max(0, ((offset + length) & ~(long)(PageBytes - 1)) - offset);
}
