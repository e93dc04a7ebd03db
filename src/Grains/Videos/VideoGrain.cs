using Microsoft.Extensions.Logging;
using Orleans.Streams;
using VideoPlatform.Grains.Catalog;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Transcoding;
using VideoPlatform.Grains.Uploads;
using VideoPlatform.Grains.Users;
using VideoPlatform.Storage;

namespace VideoPlatform.Grains.Videos;

/// <summary>
/// One video. Every status change goes through <see cref="VideoStateMachine"/>, is persisted, written to the
/// catalog and published on the <c>video</c> stream. What it holds in the store (source, then source and renditions)
/// is reported to its owner's <see cref="IUserQuotaGrain"/> at each change. VideoGrain.JobHandoff.cs: the job of an uploaded video.
/// </summary>
public sealed partial class VideoGrain(
    [PersistentState("video")] IPersistentState<VideoState> state,
    IVideoCatalog catalog,
    IObjectStore store,
    TimeProvider time,
    ILogger<VideoGrain> logger) : Grain, IVideoGrain
{
    private VideoDetails Video => state.State.Video ?? throw new VideoNotFoundException(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Repairs the catalog if a previous activation died between its state write and its catalog write.
        if (state.State.Video is { } video)
        {
            await catalog.UpsertAsync(VideoCatalogEntry.From(video), cancellationToken);
        }

        EnsureJobAfterActivation();
    }

    public async Task<VideoDetails> Create(CreateVideo command)
    {
        if (state.State.Video is not null)
        {
            throw new InvalidOperationException($"Video '{this.GetPrimaryKeyString()}' already exists");
        }

        var now = time.GetUtcNow();
        var video = new VideoDetails
        {
            Id = this.GetPrimaryKeyString(),
            Title = command.Title,
            Description = command.Description,
            Tags = command.Tags,
            Visibility = command.Visibility,
            OwnerId = command.OwnerId,
            Status = VideoStatus.Created,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await SaveAsync(video, from: null, "created");
        return video;
    }

    public Task<VideoDetails?> Get() => Task.FromResult(state.State.Video);

    public async Task<VideoDetails> Update(VideoPatch patch)
    {
        var video = Video;
        if (video.Status == VideoStatus.Deleted)
        {
            throw new IllegalTransitionException($"Video '{video.Id}' is deleted");
        }

        var updated = video with
        {
            Title = patch.Title ?? video.Title,
            Description = patch.Description ?? video.Description,
            Tags = patch.Tags ?? video.Tags,
            Visibility = patch.Visibility ?? video.Visibility,
            VisibilityRevision = patch.Visibility is { } visibility && visibility != video.Visibility
                ? video.VisibilityRevision + 1
                : video.VisibilityRevision,
        };
        return await SaveAsync(updated, video.Status, "updated");
    }

    public async Task<VideoDetails> BeginUpload(string uploadId)
    {
        var video = Video;
        if (video.Status == VideoStatus.Uploading && video.UploadId == uploadId)
        {
            return video;
        }

        return await FireAsync(VideoTrigger.UploadStarted, v => v with { UploadId = uploadId, Progress = 0 });
    }

    public async Task ReportUploadProgress(int percent)
    {
        if (state.State.Video is { Status: VideoStatus.Uploading } video && percent != video.Progress)
        {
            state.State.Video = video with { Progress = Math.Clamp(percent, 0, 100) };
            await state.WriteStateAsync();
        }
    }

    public async Task<VideoDetails> CompleteUpload(UploadedSource source)
    {
        if (state.State.Video is { } told && told.SourceKey == source.SourceKey && told.Status is not (VideoStatus.Created or VideoStatus.Uploading))
        {
            // Told again (the upload grain re-drives this after a crash): the job may be all that is missing.
            if (told.Status == VideoStatus.Uploaded)
            {
                await GrainFactory.GetGrain<ITranscodeJobGrain>(told.Id).EnsureQueued(new TranscodeRequest(told.Id, source.SourceKey, source.Size, told.OwnerId));
            }

            return told;
        }

        if (state.State.Video is { Status: VideoStatus.Deleted } deleted && source.SourceKey == MediaKeys.Source(deleted.Id))
        {
            // The bytes landed after the delete had removed the video's objects: nothing else would ever remove them.
            await store.DeleteAsync(source.SourceKey);
            logger.LogInformation("Video {VideoId} was deleted before its source landed; the source was removed", deleted.Id);
        }

        var video = await FireAsync(VideoTrigger.UploadCompleted, v => v with
        {
            Progress = 100,
            Source = new SourceInfo { Size = source.Size, Sha256 = source.Sha256 },
            SourceKey = source.SourceKey,
        });
        // The job first: the charge is bookkeeping that Ready and Failed set again, the hand-off is what must not be lost.
        await HandOffAsync(() => GrainFactory.GetGrain<ITranscodeJobGrain>(video.Id).Enqueue(new TranscodeRequest(video.Id, source.SourceKey, source.Size, video.OwnerId)));
        await ChargeAsync(video, source.Size);
        return video;
    }

    // A new attempt rewrites the ladder from its first segment: what an earlier attempt published is not served meanwhile
    // (the job withdraws it when it retries; this covers a start the retry's call never reached).
    public async Task StartProcessing(string jobId) =>
        await FireAsync(VideoTrigger.ProcessingStarted, v => v with { Progress = 0, Failure = null, MasterKey = null });

    public async Task ProcessingPlayable(string masterKey)
    {
        if (state.State.Video is { Status: VideoStatus.Processing } video && video.MasterKey != masterKey)
        {
            await SaveAsync(video with { MasterKey = masterKey }, video.Status, "playable");
        }
    }

    /// <summary>
    /// In memory only: the worker reports about once a second, and progress is advisory. The next transition's write
    /// persists the latest value; a reactivation in between shows the last persisted one until the next report.
    /// </summary>
    public Task ReportProcessingProgress(int percent)
    {
        if (state.State.Video is { Status: VideoStatus.Processing } video && percent != video.Progress)
        {
            state.State.Video = video with { Progress = Math.Clamp(percent, 0, 100) };
        }

        return Task.CompletedTask;
    }

    public async Task WithdrawPlayback()
    {
        if (state.State.Video is { Status: VideoStatus.Processing, MasterKey: not null } video)
        {
            await SaveAsync(video with { MasterKey = null }, video.Status, "playback_withdrawn");
        }
    }

    // The upload's own size and checksum outrank what the job measured of the same source.
    public Task CompleteProcessing(TranscodeOutput output) =>
        PublishAsync(VideoTrigger.ProcessingCompleted, output, v => output.Source with
        {
            Size = v.Source?.Size ?? output.Source.Size,
            Sha256 = v.Source?.Sha256 ?? output.Source.Sha256,
        });

    public Task ImportRecording(TranscodeOutput output) => PublishAsync(VideoTrigger.RecordingImported, output, _ => output.Source);

    private async Task PublishAsync(VideoTrigger trigger, TranscodeOutput output, Func<VideoDetails, SourceInfo> source)
    {
        if (state.State.Video is { Status: VideoStatus.Ready })
        {
            return; // at-least-once delivery of a finished job or import
        }

        var ready = await FireAsync(trigger, v => v with
        {
            Progress = 100,
            Source = source(v),
            Renditions = output.Renditions,
            MasterKey = output.MasterKey,
            PosterKey = output.PosterKey,
            StoryboardKey = output.StoryboardKey,
            PublishedAt = time.GetUtcNow(),
        });
        var published = 0L;
        await foreach (var stored in store.ListAsync(MediaKeys.VideoPrefix(ready.Id)))
        {
            published += stored.Length;
        }

        // A recording has no separate source: its objects are all under the video prefix.
        await ChargeAsync(ready, published + (ready.SourceKey is null ? 0 : ready.Source?.Size ?? 0));
    }

    public async Task Fail(VideoFailure failure)
    {
        if (state.State.Video is { Status: VideoStatus.Failed })
        {
            return; // told again by a job repairing a crash
        }

        var trigger = Video.Status == VideoStatus.Uploading ? VideoTrigger.UploadFailed : VideoTrigger.ProcessingFailed;
        var failed = await FireAsync(trigger, v => v with { Failure = failure, MasterKey = null });
        // What a failed job published is removed; the source stays until the video is deleted.
        await ChargeAsync(failed, failed.SourceKey is null ? 0 : failed.Source?.Size ?? 0);
    }

    public async Task Delete()
    {
        var video = Video;
        if (video.Status == VideoStatus.Deleted)
        {
            return;
        }

        await FireAsync(VideoTrigger.Deleted, v => v with { Progress = 0 });
        if (video is { Status: VideoStatus.Uploading, UploadId: { } uploadId })
        {
            // Ends the upload's PATCHes and frees its staged bytes and quota slot now, not at its expiry.
            await GrainFactory.GetGrain<IUploadGrain>(uploadId).VideoDeleted();
        }

        if (video.Status is VideoStatus.Uploaded or VideoStatus.Processing)
        {
            // One-way: the job may be calling this grain right now (a failure report); awaiting could deadlock.
            await GrainFactory.GetGrain<ITranscodeJobGrain>(video.Id).Cancel();
        }

        var removed = await store.DeletePrefixAsync(MediaKeys.VideoPrefix(video.Id)) + await store.DeletePrefixAsync(MediaKeys.SourcePrefix(video.Id));
        logger.LogInformation("Deleted video {VideoId}: {Objects} objects removed", video.Id, removed);
        await ChargeAsync(video, 0);
    }

    private Task ChargeAsync(VideoDetails video, long bytes) =>
        video.OwnerId is { } ownerId ? GrainFactory.GetGrain<IUserQuotaGrain>(ownerId).SetVideoBytes(video.Id, bytes) : Task.CompletedTask;

    private async Task<VideoDetails> FireAsync(VideoTrigger trigger, Func<VideoDetails, VideoDetails> change)
    {
        var video = Video;
        var to = VideoStateMachine.Table.Fire(video.Status, trigger);
        var updated = change(video) with { Status = to };
        return await SaveAsync(updated, video.Status, trigger.ToString());
    }

    private async Task<VideoDetails> SaveAsync(VideoDetails video, VideoStatus? from, string kind)
    {
        var now = time.GetUtcNow();
        video = video with { UpdatedAt = now, Version = video.Version + 1 };
        state.State.Video = video;
        await state.WriteStateAsync();
        // The listing row and the event do not depend on each other: one round trip's wait instead of two.
        var stream = this.GetStreamProvider(StreamNames.Provider).GetStream<VideoEvent>(StreamId.Create(StreamNames.Video, video.Id));
        await Task.WhenAll(
            catalog.UpsertAsync(VideoCatalogEntry.From(video)),
            stream.OnNextAsync(new VideoEvent(Guid.NewGuid(), video.Id, from, video.Status, kind, now, video.Version)));
        return video;
    }
}

[GenerateSerializer, Alias("VideoPlatform.VideoState")]
public sealed class VideoState
{
    [Id(0)] public VideoDetails? Video { get; set; }
}
