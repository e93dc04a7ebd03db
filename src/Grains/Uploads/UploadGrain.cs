using Microsoft.Extensions.Logging;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Users;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Storage;

namespace VideoPlatform.Grains.Uploads;

/// <summary>
/// One tus upload. Status changes go through <see cref="UploadStateMachine"/> and are published on the <c>upload</c>
/// stream; one PATCH at a time holds the (persisted) lease; a reminder expires uploads nobody finishes, freeing their
/// bytes and failing the video with <c>upload_expired</c>. While Active it holds one of its owner's upload slots
/// (<see cref="IUserQuotaGrain"/>), freed however it ends.
/// </summary>
public sealed partial class UploadGrain(
    [PersistentState("upload")] IPersistentState<UploadState> state,
    IObjectStore store,
    TimeProvider time,
    ILogger<UploadGrain> logger) : Grain, IUploadGrain, IRemindable
{
    private const string ExpiryReminder = "upload-expiry";
    private int reportedPercent = -1;

    private UploadInfo? Upload => state.State.Upload;

    private DateTimeOffset Now => time.GetUtcNow();

    public async Task<UploadInfo> Create(CreateUpload command)
    {
        if (Upload is { } existing)
        {
            return existing.VideoId == command.VideoId && existing.Length == command.Length
                ? existing
                : throw new InvalidOperationException($"Upload '{this.GetPrimaryKeyString()}' already exists");
        }

        var uploadId = this.GetPrimaryKeyString();
        var videoGrain = GrainFactory.GetGrain<IVideoGrain>(command.VideoId);
        var quota = await videoGrain.Get() is { OwnerId: { } ownerId } ? GrainFactory.GetGrain<IUserQuotaGrain>(ownerId) : null;
        // The whole claimed length counts against the stored-bytes quota while the upload runs: a claim in the
        // accounting, never disk reserved (the store holds only the bytes received).
        await (quota?.BeginUpload(uploadId, command.Length, Now + command.Expiration, command.Limits) ?? Task.FromResult(0L));
        VideoDetails video;
        try
        {
            video = await videoGrain.BeginUpload(uploadId);
        }
        catch (Exception)
        {
            await (quota?.EndUpload(uploadId) ?? Task.CompletedTask);
            throw;
        }

        var now = Now;
        state.State.Upload = new UploadInfo
        {
            UploadId = uploadId,
            VideoId = command.VideoId,
            OwnerId = video.OwnerId,
            Length = command.Length,
            Metadata = command.Metadata,
            FileName = command.FileName,
            FileType = command.FileType,
            CreatedAt = now,
            ExpiresAt = now + command.Expiration,
            Status = UploadStatus.Active,
        };
        state.State.Expiration = command.Expiration;
        await state.WriteStateAsync();
        // Reminders tick at most once a minute; the due time may be shorter, so short expirations still fire on time.
        var period = TimeSpan.FromTicks(Math.Clamp(command.Expiration.Ticks, TimeSpan.FromMinutes(1).Ticks, TimeSpan.FromHours(1).Ticks));
        await this.RegisterOrUpdateReminder(ExpiryReminder, command.Expiration, period);
        await PublishAsync(from: null);
        return state.State.Upload;
    }

    public async Task<UploadInfo?> Get()
    {
        await ExpireIfDueAsync();
        return Upload;
    }

    public async Task<PatchGrant> BeginPatch(long offset, long? contentLength, TimeSpan lease)
    {
        await ExpireIfDueAsync();
        if (Upload is not { } upload)
        {
            return new PatchGrant { Outcome = PatchOutcome.NotFound };
        }

        var outcome = upload switch
        {
            { Status: var s } when UploadStateMachine.IsGone(s) => PatchOutcome.Gone,
            _ when offset != upload.Offset => PatchOutcome.OffsetMismatch,
            { Status: UploadStatus.Completed } => PatchOutcome.Granted, // offset == length: an empty PATCH to nothing
            _ when offset + (contentLength ?? 0) > upload.Length => PatchOutcome.TooLarge,
            _ when state.State.LeaseUntil > Now => PatchOutcome.Locked,
            _ => PatchOutcome.Granted,
        };
        if (outcome != PatchOutcome.Granted || upload.Status == UploadStatus.Completed)
        {
            return new PatchGrant { Outcome = outcome, Upload = upload };
        }

        // Persisted, so that after a crash no second PATCH starts while the first may still be writing.
        var token = Guid.NewGuid();
        state.State.LeaseToken = token;
        state.State.LeaseUntil = Now + lease;
        await state.WriteStateAsync();
        return new PatchGrant { Outcome = outcome, Token = token, Upload = upload };
    }

    public async Task<bool> RenewLease(Guid token, TimeSpan lease)
    {
        if (!Holds(token))
        {
            return false;
        }

        state.State.LeaseUntil = Now + lease;
        await state.WriteStateAsync();
        return true;
    }

    public async Task<UploadInfo?> CommitPatch(Guid token, PatchCommit commit)
    {
        if (!Holds(token) || Upload is not { } upload)
        {
            return null;
        }

        if (commit.Offset < upload.Offset || commit.Offset > upload.Length || (commit.SourceKey is not null && commit.Offset != upload.Length))
        {
            throw new ArgumentException($"Offset {commit.Offset} is not within {upload.Offset}..{upload.Length}", nameof(commit));
        }

        // ExpiresAt stays where Create put it (creation + Uploads:Expiration): were each PATCH to push it on, a client
        // sending a byte now and then would keep an upload, its bytes and its quota slot forever.
        var completed = commit.SourceKey is not null;
        var from = upload.Status;
        upload = upload with
        {
            Offset = commit.Offset,
            Storage = commit.Storage,
            Status = completed ? UploadStateMachine.Table.Fire(upload.Status, UploadTrigger.LastByteLanded) : upload.Status,
        };
        state.State.Upload = upload;
        state.State.SourceKey = commit.SourceKey ?? state.State.SourceKey;
        state.State.LeaseToken = null;
        state.State.LeaseUntil = null;
        await state.WriteStateAsync();

        if (completed)
        {
            await PublishAsync(from);
            // Should this silo die before the video hears of it, the reminder (now due in a minute) tells it again.
            await this.RegisterOrUpdateReminder(ExpiryReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
            try
            {
                await TellVideoAsync(upload);
            }
            catch (IllegalTransitionException ex)
            {
                // Deleted while the last bytes landed: the video grain removed the source it was offered.
                logger.LogInformation("Upload {UploadId}: video {VideoId} no longer takes its source ({Error})", upload.UploadId, upload.VideoId, ex.Message);
            }

            await EndQuotaSlotAsync(upload);
            await UnregisterExpiryAsync();
        }
        else if ((upload.Length == 0 ? 100 : (int)(upload.Offset * 100 / upload.Length)) is var percent && percent != reportedPercent)
        {
            reportedPercent = percent;
            await GrainFactory.GetGrain<IVideoGrain>(upload.VideoId).ReportUploadProgress(percent);
        }

        return upload;
    }

    public async Task ReleasePatch(Guid token)
    {
        if (Holds(token))
        {
            state.State.LeaseToken = null;
            state.State.LeaseUntil = null;
            await state.WriteStateAsync();
        }
    }

    private async Task TellVideoAsync(UploadInfo upload) =>
        await GrainFactory.GetGrain<IVideoGrain>(upload.VideoId)
            .CompleteUpload(new UploadedSource(state.State.SourceKey!, upload.Length, upload.FileName, null));

    private bool Holds(Guid token) =>
        Upload is { Status: UploadStatus.Active } && state.State.LeaseToken == token;

    private Task EndQuotaSlotAsync(UploadInfo upload) =>
        upload.OwnerId is { } ownerId ? GrainFactory.GetGrain<IUserQuotaGrain>(ownerId).EndUpload(upload.UploadId) : Task.CompletedTask;

    private Task PublishAsync(UploadStatus? from)
    {
        var u = Upload!;
        return this.PublishAsync(StreamNames.Upload, u.UploadId, new UploadEvent(Guid.NewGuid(), u.UploadId, u.VideoId, u.OwnerId, from, u.Status, u.Length, Now), logger);
    }
}
