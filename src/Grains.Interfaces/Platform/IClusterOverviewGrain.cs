namespace VideoPlatform.Grains.Platform;

/// <summary>The silos of the cluster as operators see them (<c>GET /api/admin/cluster</c>), key <see cref="ClusterOverview.Key"/>.</summary>
[Alias("VideoPlatform.IClusterOverviewGrain")]
public interface IClusterOverviewGrain : IGrainWithStringKey
{
    [Alias("Describe"), ReadOnly]
    Task<ClusterOverview> Describe();
}

/// <summary>What a media silo is doing right now; one activation on each media silo, keyed by its address.</summary>
[Alias("VideoPlatform.IMediaSiloGrain")]
public interface IMediaSiloGrain : IGrainWithStringKey
{
    /// <summary>The grain type of the one class that implements this, which marks a silo as a media silo in the manifest.</summary>
    const string GrainType = "media-silo";

    [Alias("Load"), ReadOnly]
    Task<MediaSiloLoad> Load();
}

[GenerateSerializer, Immutable, Alias("VideoPlatform.MediaSiloLoad")]
public sealed record MediaSiloLoad(
    [property: Id(0)] int RunningJobs,
    [property: Id(1)] int FreeSlots,
    [property: Id(2)] int LiveSessions);

[GenerateSerializer, Immutable, Alias("VideoPlatform.ClusterOverview")]
public sealed record ClusterOverview([property: Id(0)] IReadOnlyList<SiloOverview> Silos)
{
    public const string Key = "cluster";
}

/// <summary>One silo; the last three only for media silos that answered. Activations is absent when the silo did not answer.</summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.SiloOverview")]
public sealed record SiloOverview(
    [property: Id(0)] string Address,
    [property: Id(1)] SiloPool Pool,
    [property: Id(2)] SiloStatus Status,
    [property: Id(3)] int? Activations,
    [property: Id(4)] int? RunningJobs = null,
    [property: Id(5)] int? FreeSlots = null,
    [property: Id(6)] int? LiveSessions = null);
