namespace VideoPlatform.Grains.Analytics;

/// <summary>Consumes the lifecycle streams into the warehouse; it has no methods of its own. Keyed by the stream key.</summary>
[Alias("VideoPlatform.ILifecycleArchiveGrain")]
public interface ILifecycleArchiveGrain : IGrainWithStringKey;
