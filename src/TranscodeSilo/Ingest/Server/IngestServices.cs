using VideoPlatform.Grains.Platform;
using VideoPlatform.Storage;
using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.TranscodeSilo.Ingest.Server;

/// <summary>What every connection and session of this node shares.</summary>
public sealed record IngestServices(
    LiveIngestSettings Settings,
    IGrainFactory Grains,
    IObjectStore Store,
    MediaTools Tools,
    TimeProvider Time,
    string NodeId,
    LiveIngestMetrics Metrics,
    PlatformMetrics Platform);
