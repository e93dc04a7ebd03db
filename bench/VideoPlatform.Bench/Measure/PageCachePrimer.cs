namespace VideoPlatform.Bench.Measure;

/// <summary>
/// Puts both sides of a write-heavy figure on the same footing. On VMs that hand free memory back to the host
/// (virtio-balloon free page reporting), the next write into the page cache pays for faulting every page in again, so
/// whichever side followed a pause would be slower for reasons outside the software. Writing and deleting a file as large
/// as the run's just before its clock starts hands the run memory that is already backed (docs/benchmarks.md).
/// </summary>
public static class PageCachePrimer
{
    private const int BlockSize = 1 << 20;

    public static async Task PrimeAsync(string folder, long bytes)
    {
        var path = Path.Combine(folder, $"prime-{Guid.NewGuid():N}.bin");
        var block = new byte[BlockSize];
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BlockSize, useAsync: true);
            for (long written = 0; written < bytes; written += BlockSize)
            {
                await file.WriteAsync(block);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
