using VideoPlatform.Grains.Health;
using VideoPlatform.Grains.Platform;

namespace VideoPlatform.TranscodeSilo.Health;

/// <summary>A media-pool grain with no work of its own: proves where media grains are placed.</summary>
[MediaPool]
public sealed class MediaPoolProbeGrain(SiloPoolInfo pool, ILocalSiloDetails silo) : Grain, IMediaPoolProbeGrain
{
    public Task<PoolProbeReply> Describe() => Task.FromResult(new PoolProbeReply(pool.Pool.ToString(), silo.SiloAddress.ToString()));
}
