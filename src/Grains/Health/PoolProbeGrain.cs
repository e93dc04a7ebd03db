using VideoPlatform.Grains.Platform;

namespace VideoPlatform.Grains.Health;

/// <summary>A general-pool grain with no work of its own: proves where general grains are placed.</summary>
public sealed class PoolProbeGrain(SiloPoolInfo pool, ILocalSiloDetails silo) : Grain, IPoolProbeGrain
{
    public Task<PoolProbeReply> Describe() => Task.FromResult(new PoolProbeReply(pool.Pool.ToString(), silo.SiloAddress.ToString()));
}
