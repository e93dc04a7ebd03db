using Microsoft.Extensions.Options;
using VideoPlatform.Grains.Platform;
using VideoPlatform.TranscodeSilo.Ingest.Server;
using VideoPlatform.TranscodeSilo.Shutdown;
using VideoPlatform.TranscodeSilo.Transcoding.Worker;

namespace VideoPlatform.TranscodeSilo.Health;

/// <summary>This media silo's load, read from its worker and its RTMP listener; a draining silo has no free slot.</summary>
[MediaPool, SiloKeyPlacement, GrainType(IMediaSiloGrain.GrainType)]
public sealed class MediaSiloGrain(
    TranscodeMetrics jobs,
    IOptions<TranscodeWorkerSettings> worker,
    RtmpIngestListener ingest,
    MediaSiloDrain drain) : Grain, IMediaSiloGrain
{
    public Task<MediaSiloLoad> Load()
    {
        var running = jobs.Running;
        var free = drain.IsDraining ? 0 : Math.Max(0, worker.Value.EffectiveConcurrency - running);
        return Task.FromResult(new MediaSiloLoad(running, free, ingest.LiveSessions));
    }
}
