using Microsoft.Extensions.Logging;
using VideoPlatform.Grains.Transcoding;

namespace VideoPlatform.Grains.Videos;

/// <summary>
/// An Uploaded video must reach its transcode job. The Uploaded write and the job's enqueue are two steps; a silo
/// killed or PostgreSQL lost between them would leave the video Uploaded with no job, and the uploader's retry is
/// refused (the video no longer awaits bytes). So a failed hand-off is retried by a timer while this activation
/// lives, and every new activation of an Uploaded video hands off again (the enqueue is idempotent).
/// </summary>
public sealed partial class VideoGrain
{
    private static readonly TimeSpan HandOffRetry = TimeSpan.FromSeconds(3);
    private IGrainTimer? handOff;

    private async Task HandOffAsync(Func<Task> enqueue)
    {
        try
        {
            await enqueue();
        }
        catch (Exception ex) when (ex is not IllegalTransitionException)
        {
            logger.LogWarning(ex, "Video {VideoId}: its job could not be enqueued; retrying every {Retry}", this.GetPrimaryKeyString(), HandOffRetry);
            RetryHandOff();
            throw;
        }
    }

    private void EnsureJobAfterActivation()
    {
        if (state.State.Video is { Status: VideoStatus.Uploaded })
        {
            RetryHandOff(TimeSpan.Zero);
        }
    }

    private void RetryHandOff(TimeSpan? first = null) =>
        handOff ??= this.RegisterGrainTimer(RetryHandOffAsync, new GrainTimerCreationOptions(first ?? HandOffRetry, HandOffRetry) { KeepAlive = true });

    private async Task RetryHandOffAsync(CancellationToken cancellationToken)
    {
        if (state.State.Video is { Status: VideoStatus.Uploaded, SourceKey: { } key } video)
        {
            try
            {
                await GrainFactory.GetGrain<ITranscodeJobGrain>(video.Id).EnsureQueued(new TranscodeRequest(video.Id, key, video.Source?.Size ?? 0, video.OwnerId));
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException)
            {
                return; // the next tick tries again
            }
        }

        handOff?.Dispose();
        handOff = null;
    }
}
