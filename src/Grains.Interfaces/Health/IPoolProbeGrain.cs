namespace VideoPlatform.Grains.Health;

/// <summary>Answers with the pool of the silo it runs on; used by readiness checks and placement tests.</summary>
[Alias("VideoPlatform.Health.IPoolProbeGrain")]
public interface IPoolProbeGrain : IGrainWithStringKey
{
    [Alias("Describe")]
    Task<PoolProbeReply> Describe();
}

[GenerateSerializer, Immutable, Alias("VideoPlatform.Health.PoolProbeReply")]
public sealed record PoolProbeReply([property: Id(0)] string Pool, [property: Id(1)] string SiloAddress);

/// <summary>Same as <see cref="IPoolProbeGrain"/>, implemented only by a media-pool grain class.</summary>
[Alias("VideoPlatform.Health.IMediaPoolProbeGrain")]
public interface IMediaPoolProbeGrain : IGrainWithStringKey
{
    [Alias("Describe")]
    Task<PoolProbeReply> Describe();
}
