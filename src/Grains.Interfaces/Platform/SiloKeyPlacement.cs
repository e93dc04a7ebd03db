using Orleans.Placement;

namespace VideoPlatform.Grains.Platform;

/// <summary>
/// Places a grain on the silo its key names (<c>SiloAddress.ToParsableString()</c>): one activation per silo, for
/// views of that silo's own work. A key naming no active compatible silo fails the call.
/// </summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.SiloKeyPlacement")]
public sealed class SiloKeyPlacement : PlacementStrategy
{
    public static readonly SiloKeyPlacement Instance = new();
}

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SiloKeyPlacementAttribute() : PlacementAttribute(SiloKeyPlacement.Instance);
