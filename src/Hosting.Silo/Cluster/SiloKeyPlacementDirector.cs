using Orleans.Runtime.Placement;
using VideoPlatform.Grains.Platform;

namespace VideoPlatform.Hosting.Cluster;

/// <summary>Puts a <see cref="SiloKeyPlacementAttribute"/> grain on the silo named by its key, or fails the call.</summary>
internal sealed class SiloKeyPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var key = target.GrainIdentity.Key.ToString();
        return context.GetCompatibleSilos(target).FirstOrDefault(s => s.ToParsableString() == key) is { } silo
            ? Task.FromResult(silo)
            : throw new OrleansException($"No active silo {key} hosts {target.GrainIdentity.Type}");
    }
}
