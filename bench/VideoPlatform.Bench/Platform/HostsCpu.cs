using System.Diagnostics;
using VideoPlatform.Bench.Load;

namespace VideoPlatform.Bench.Platform;

/// <summary>
/// CPU the platform's own processes (Api, both silos, PostgreSQL; not the tools the media silo runs) use over a timed
/// run, in cores. Taken over the platform's jobs and over the raw encodes alike, it tells whether an encode inside the
/// platform competed with more than the raw one did.
/// </summary>
public sealed class HostsCpu
{
    private static readonly string[] Hosts = ["Api", "Silo", "TranscodeSilo"];

    private readonly IReadOnlyList<int> pids;

    private HostsCpu(IReadOnlyList<int> pids) => this.pids = pids;

    public static HostsCpu Find(string repoRoot)
    {
        var hosts = Hosts
            .Select(h => ProcessCpu.Find(Path.Combine(repoRoot, "src", h, "bin"), $"VideoPlatform.{h}.dll"))
            .OfType<int>();
        return new HostsCpu([.. hosts, .. ProcessCpu.AllPids().Where(IsPostgres)]);
    }

    /// <summary>Runs <paramref name="run"/> and returns its result with the hosts' CPU over it in cores.</summary>
    public async Task<(T Result, double Cores)> OverAsync<T>(Func<Task<T>> run)
    {
        var before = ProcessCpu.Of(pids);
        var clock = Stopwatch.StartNew();
        var result = await run();
        var cores = (ProcessCpu.Of(pids) - before).TotalSeconds / clock.Elapsed.TotalSeconds;
        return (result, cores);
    }

    private static bool IsPostgres(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim() == "postgres";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
