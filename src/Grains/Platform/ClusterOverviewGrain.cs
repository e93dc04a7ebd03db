using Microsoft.Extensions.Logging;

namespace VideoPlatform.Grains.Platform;

/// <summary>
/// Membership and activation counts from Orleans' management grain; the pool from the cluster manifest (a silo that
/// has the <see cref="IMediaSiloGrain"/> class is a media silo); each media silo's load from its own media-silo grain.
/// A silo that does not answer within <see cref="AnswerTimeout"/> is listed without the figures it did not give.
/// </summary>
public sealed class ClusterOverviewGrain(IClusterManifestProvider manifests, ILogger<ClusterOverviewGrain> logger) : Grain, IClusterOverviewGrain
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(5);
    private static readonly GrainType MediaSiloType = GrainType.Create(IMediaSiloGrain.GrainType);

    public async Task<ClusterOverview> Describe()
    {
        var management = GrainFactory.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetHosts(onlyActive: false);
        var media = manifests.Current.Silos.Where(s => s.Value.Grains.ContainsKey(MediaSiloType)).Select(s => s.Key).ToHashSet();
        var silos = await Task.WhenAll(hosts
            .Where(h => h.Value is not (SiloStatus.Dead or SiloStatus.None))
            .OrderBy(h => h.Key.ToParsableString(), StringComparer.Ordinal)
            .Select(h => DescribeAsync(management, h.Key, h.Value, media.Contains(h.Key))));
        return new ClusterOverview(silos);
    }

    private async Task<SiloOverview> DescribeAsync(IManagementGrain management, SiloAddress silo, SiloStatus status, bool isMedia)
    {
        var activations = await AskAsync(silo, async () => (int?)(await management.GetRuntimeStatistics([silo]))[0].ActivationCount);
        var overview = new SiloOverview(silo.ToParsableString(), isMedia ? SiloPool.Media : SiloPool.General, status, activations);
        if (!isMedia || status != SiloStatus.Active)
        {
            return overview;
        }

        var load = await AskAsync(silo, () => GrainFactory.GetGrain<IMediaSiloGrain>(silo.ToParsableString()).Load());
        return load is null ? overview : overview with { RunningJobs = load.RunningJobs, FreeSlots = load.FreeSlots, LiveSessions = load.LiveSessions };
    }

    private async Task<T?> AskAsync<T>(SiloAddress silo, Func<Task<T>> ask)
    {
        try
        {
            return await ask().WaitAsync(AnswerTimeout);
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            logger.LogInformation("Silo {Silo} did not answer the cluster overview: {Error}", silo, ex.Message);
            return default;
        }
    }
}
