using Microsoft.Extensions.Logging;
using VideoPlatform.Grains.Channels;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Storage;
using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.TranscodeSilo.Ingest.Recording;

/// <summary>
/// Builds the recording of one finished session and hands it to the video grain as a Ready video owned by the
/// channel's owner, then tells the session (which removes the live objects after its linger). Idempotent: the
/// session retries until told.
/// </summary>
[MediaPool]
public sealed class LiveRecordingGrain(IObjectStore store, ILogger<LiveRecordingGrain> logger) : Grain, IRecordingGrain
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(30);

    public async Task Build(RecordingJob job)
    {
        var video = GrainFactory.GetGrain<IVideoGrain>(job.VideoId);
        var session = GrainFactory.GetGrain<ILiveSessionGrain>(job.SessionId);
        try
        {
            var existing = await video.Get();
            if (existing is { Status: VideoStatus.Ready })
            {
                await session.RecordingFinished(job.VideoId, succeeded: true);
                return;
            }

            using var timeout = new CancellationTokenSource(BuildTimeout);
            var output = await new RecordingBuilder(store, MediaTools.Default).BuildAsync(job, timeout.Token);
            if (output is null)
            {
                await session.RecordingFinished(job.VideoId, succeeded: false);
                return;
            }

            if (existing is null)
            {
                await video.Create(new CreateVideo { Title = job.Title, Description = "Live recording", Tags = ["live"], OwnerId = job.OwnerId });
            }

            await video.ImportRecording(output);
            await session.RecordingFinished(job.VideoId, succeeded: true);
            logger.LogInformation("Recording of session {Session} is video {Video} ({Duration:0.0} s)", job.SessionId, job.VideoId, output.Source.DurationSeconds);
        }
        catch (Exception ex) when (ex is IOException or OrleansException or TimeoutException or OperationCanceledException or MediaToolException)
        {
            // The session asks again after its retry interval.
            logger.LogWarning(ex, "Recording of session {Session} failed", job.SessionId);
        }
    }
}
