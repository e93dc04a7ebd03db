namespace VideoPlatform.Grains.Platform;

/// <summary>
/// Marks a grain class that belongs to the media pool (FFmpeg, RTMP ingest). Such classes are shipped
/// only in the TranscodeSilo host, and a general-pool silo removes them from its grain types even when
/// the assembly happens to be loaded (as in the in-process test cluster).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class MediaPoolAttribute : Attribute;
