using System.Globalization;

namespace VideoPlatform.Bench.Measure;

/// <summary>
/// Puts both sides of a write-heavy figure on the same footing. On the VMs this suite runs on (virtio-balloon with free
/// page reporting), memory that stays free for about two seconds goes back to the host, and the next write into the
/// page cache pays for faulting every page in again: dd copied 512 MiB at 576 MB/s onto such memory and at 5-6 GB/s
/// onto memory freed a moment before. Which side of a pair happened to follow a pause (an upload's job settling, a
/// delete) then decided the figure: the file copy alone read anywhere from 0.4 to 3.4 GB/s. Writing and deleting a file
/// as large as the run's just before its clock starts hands the run memory that is already backed, on either side,
/// so the figure compares the software rather than the hypervisor's page faults. What priming cannot stop, a reporting
/// pass during the run, <see cref="QuietRuns"/> detects with <see cref="ReportingPasses"/>.
/// </summary>
public static class PageCachePrimer
{
    private const int BlockSize = 1 << 20;

    private const string PassesFile = "/sys/module/page_reporting/parameters/passes";

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

    /// <summary>How many free-page reporting passes the kernel has made, where it says (its page_reporting parameters); null elsewhere.</summary>
    public static long? ReportingPasses()
    {
        try
        {
            return long.Parse(File.ReadAllText(PassesFile).Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
