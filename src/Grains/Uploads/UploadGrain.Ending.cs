using Microsoft.Extensions.Logging;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Storage;

namespace VideoPlatform.Grains.Uploads;

/// <summary>The ways an upload ends without its last byte: terminated by its client or its video, or expired.</summary>
public sealed partial class UploadGrain
{
    public async Task<UploadStatus?> Terminate()
    {
        await ExpireIfDueAsync();
        if (Upload is not { } upload)
        {
            return null;
        }

        if (UploadStateMachine.Table.CanFire(upload.Status, UploadTrigger.Terminate))
        {
            await EndAsync(UploadTrigger.Terminate);
            logger.LogInformation("Upload {UploadId} of video {VideoId} terminated at {Offset}/{Length}", upload.UploadId, upload.VideoId, upload.Offset, upload.Length);
        }

        return upload.Status;
    }

    public async Task VideoDeleted()
    {
        if (await Terminate() == UploadStatus.Active)
        {
            logger.LogInformation("Upload {UploadId} ended with its video", this.GetPrimaryKeyString());
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (Upload is { Status: UploadStatus.Completed } completed && state.State.SourceKey is not null)
        {
            try
            {
                await TellVideoAsync(completed);
            }
            catch (Exception ex) when (ex is IllegalTransitionException or VideoNotFoundException)
            {
                logger.LogInformation("Upload {UploadId}: video {VideoId} no longer takes its source ({Error})", completed.UploadId, completed.VideoId, ex.Message);
            }
        }

        await ExpireIfDueAsync();
        if (Upload is null || Upload.Status != UploadStatus.Active)
        {
            await UnregisterExpiryAsync();
        }
    }

    private async Task ExpireIfDueAsync()
    {
        if (Upload is not { Status: UploadStatus.Active } upload || upload.ExpiresAt > Now)
        {
            return;
        }

        await EndAsync(UploadTrigger.Expire);
        logger.LogInformation("Upload {UploadId} of video {VideoId} expired at {Offset}/{Length}", upload.UploadId, upload.VideoId, upload.Offset, upload.Length);
        // Only a video still waiting for this upload fails: it may have moved on (deleted, bytes from another upload).
        var video = GrainFactory.GetGrain<IVideoGrain>(upload.VideoId);
        if (await video.Get() is { Status: VideoStatus.Uploading } details && details.UploadId == upload.UploadId)
        {
            await video.Fail(new VideoFailure("upload_expired", $"The upload stopped at {upload.Offset} of {upload.Length} bytes and expired"));
        }
    }

    /// <summary>Terminated or expired: the lease goes, the state is saved first, then the stored bytes are freed.</summary>
    private async Task EndAsync(UploadTrigger trigger)
    {
        var upload = Upload!;
        state.State.Upload = upload with { Status = UploadStateMachine.Table.Fire(upload.Status, trigger) };
        state.State.LeaseToken = null;
        state.State.LeaseUntil = null;
        await state.WriteStateAsync();
        await PublishAsync(upload.Status);
        if (upload.Storage.MultipartId is { } multipartId)
        {
            await store.AbortMultipartAsync(MediaKeys.Source(upload.VideoId), multipartId);
        }

        await store.DeletePrefixAsync(MediaKeys.UploadPrefix(upload.UploadId));
        await EndQuotaSlotAsync(upload);
        await UnregisterExpiryAsync();
    }

    private async Task UnregisterExpiryAsync()
    {
        if (await this.GetReminder(ExpiryReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}
