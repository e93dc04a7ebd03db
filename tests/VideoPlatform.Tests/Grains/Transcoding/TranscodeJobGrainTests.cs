using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using VideoPlatform.Grains.Transcoding;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Storage;
using VideoPlatform.Infrastructure.Storage.FileSystem;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Grains.Transcoding;

/// <summary>
/// A silo dying between a job's final write and the video hearing of it: the job's reminder, still registered, tells
/// the video from the job's persisted state; or right after its Queued write: enqueuing again repairs it. States are
/// written straight into storage, as the dead silo left them. Also the bound on starts that end without counting.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TranscodeJobGrainTests(PlatformClusterFixture cluster)
{
    private const string LeaseReminder = "lease-check";

    private TranscodeJobSettings Settings => cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<IOptions<TranscodeJobSettings>>().Value;

    private IGrainStorage Storage => cluster.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>("Default");

    [Fact]
    public async Task Crash_AfterTheSucceededWrite_ReminderMakesTheVideoReady()
    {
        var id = NewId();
        var output = new TranscodeOutput
        {
            Source = new SourceInfo { Width = 1280, Height = 720, DurationSeconds = 4 },
            Renditions = new List<Rendition> { new("720p", 1280, 720, 2_900_000, 30) }, // a List, as the worker sends: state is stored as typed JSON
            MasterKey = $"vod/{id}/hls/master.m3u8",
            PosterKey = $"vod/{id}/thumbs/poster.jpg",
        };
        await WriteProcessingVideoAsync(id);
        await WriteJobAsync(id, new TranscodeJobState
        {
            Request = new TranscodeRequest(id, $"raw/{id}/source", 10),
            Status = TranscodeJobStatus.Succeeded,
            Attempts = 1,
            Output = output,
        });
        var job = cluster.Client.GetGrain<ITranscodeJobGrain>(id);

        await job.Cast<IRemindable>().ReceiveReminder(LeaseReminder, default);
        await job.Cast<IRemindable>().ReceiveReminder(LeaseReminder, default); // told twice: harmless

        var video = (await cluster.Client.GetGrain<IVideoGrain>(id).Get())!;
        Assert.Equal(VideoStatus.Ready, video.Status);
        Assert.Equal((output.MasterKey, output.PosterKey, 1), (video.MasterKey, video.PosterKey, video.Renditions.Count));
    }

    [Fact]
    public async Task Crash_AfterTheGaveUpWrite_ReminderFailsTheVideoAndRemovesWhatWasPublished()
    {
        var id = NewId();
        var store = new FileSystemObjectStore(cluster.StorageRoot, TimeProvider.System);
        await store.PutTextAsync($"vod/{id}/hls/240p/index.m3u8", "#EXTM3U\n"); // a growing ladder's leftovers
        await WriteProcessingVideoAsync(id);
        await WriteJobAsync(id, new TranscodeJobState
        {
            Request = new TranscodeRequest(id, $"raw/{id}/source", 10),
            Status = TranscodeJobStatus.Failed,
            Attempts = 1,
            Failure = new VideoFailure("corrupt", "the data ends at 12 s of 20 s"),
        });
        var job = cluster.Client.GetGrain<ITranscodeJobGrain>(id);

        await job.Cast<IRemindable>().ReceiveReminder(LeaseReminder, default);
        await job.Cast<IRemindable>().ReceiveReminder(LeaseReminder, default);

        var video = (await cluster.Client.GetGrain<IVideoGrain>(id).Get())!;
        Assert.Equal(VideoStatus.Failed, video.Status);
        Assert.Equal("corrupt", video.Failure!.Code);
        Assert.Empty(await store.ListAsync($"vod/{id}/").ToListAsync());
    }

    [Fact]
    public async Task LeaseLapsed_AfterTheVideoWasPlayable_RetryWithdrawsTheGrowingLadder()
    {
        var id = NewId();
        await WriteProcessingVideoAsync(id, masterKey: $"vod/{id}/hls/master.m3u8");
        await WriteJobAsync(id, new TranscodeJobState
        {
            Request = new TranscodeRequest(id, $"raw/{id}/source", 10),
            Status = TranscodeJobStatus.Running,
            Attempts = 2, // the third waits 1 s before a worker may take it (and clear the ladder itself at its start)
            WorkerId = "a media silo that died",
            LeaseUntil = TimeProvider.System.GetUtcNow().AddMinutes(-1),
            Begun = true,
        });
        Assert.True((await cluster.Client.GetGrain<IVideoGrain>(id).Get())!.Playable);
        var job = cluster.Client.GetGrain<ITranscodeJobGrain>(id);

        await job.Cast<IRemindable>().ReceiveReminder(LeaseReminder, default);

        var video = (await cluster.Client.GetGrain<IVideoGrain>(id).Get())!;
        Assert.Null(video.MasterKey);
        Assert.False(video.Playable);
        Assert.NotEqual("a media silo that died", (await job.Get())!.WorkerId); // retried: queued, or already taken again
    }

    [Fact]
    public async Task LeaseLapsed_BeforeTheWorkerEverRenewed_AttemptDoesNotCount()
    {
        var id = NewId();
        await WriteProcessingVideoAsync(id);
        // The last allowed attempt, recorded by Start, whose answer was lost with a silo: no worker ever ran it.
        await WriteJobAsync(id, new TranscodeJobState
        {
            Request = new TranscodeRequest(id, $"raw/{id}/source", 10),
            Status = TranscodeJobStatus.Running,
            Attempts = 3,
            WorkerId = "a worker that never heard back",
            LeaseUntil = TimeProvider.System.GetUtcNow().AddMinutes(-1),
        });
        var job = cluster.Client.GetGrain<ITranscodeJobGrain>(id);

        await job.Cast<IRemindable>().ReceiveReminder(LeaseReminder, default);

        // Handed back rather than given up (a media silo of the test cluster may take it at once and fail it for its
        // missing source, but then for that reason, not for the lapse).
        var after = (await job.Get())!;
        Assert.DoesNotContain("stopped renewing", after.LastError ?? "", StringComparison.Ordinal);
        Assert.NotEqual("a worker that never heard back", after.WorkerId);
    }

    [Fact]
    public async Task LeaseLapsed_BeforeTheWorkerEverRenewed_AtTheStartBound_FailsTheVideoWithTheReason()
    {
        var (id, maxStarts) = (NewId(), Settings.MaxStarts);
        // A source that kills its worker's process before the first renewal: every start lapsed uncounted, this one too.
        var job = await WriteProcessingJobAsync(id, new TranscodeJobState
        {
            Status = TranscodeJobStatus.Running,
            Attempts = 1,
            Starts = maxStarts,
            WorkerId = "a worker whose process died",
            LeaseUntil = TimeProvider.System.GetUtcNow().AddMinutes(-1),
        });

        await job.Cast<IRemindable>().ReceiveReminder(LeaseReminder, default);

        Assert.Equal(TranscodeJobStatus.Failed, (await job.Get())!.Status);
        var video = (await cluster.Client.GetGrain<IVideoGrain>(id).Get())!;
        Assert.Equal((VideoStatus.Failed, "transcode_error"), (video.Status, video.Failure!.Code));
        Assert.Contains($"started {maxStarts} times", video.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Release_OfTheStartThatReachesTheBound_FailsTheJob()
    {
        var (id, maxStarts) = (NewId(), Settings.MaxStarts);
        // One start short of the bound, every earlier one handed back; not in the queue, so only this test starts it.
        var job = await WriteProcessingJobAsync(id, new TranscodeJobState { Status = TranscodeJobStatus.Retrying, Starts = maxStarts - 1 });

        Assert.NotNull(await job.Start("a worker that gives it back"));
        await job.Release("a worker that gives it back");

        var after = (await job.Get())!;
        Assert.Equal((TranscodeJobStatus.Failed, 0), (after.Status, after.Attempts));
        Assert.Contains($"started {maxStarts} times", after.LastError, StringComparison.Ordinal);
        Assert.Equal(VideoStatus.Failed, (await cluster.Client.GetGrain<IVideoGrain>(id).Get())!.Status);
    }

    [Fact]
    public async Task Release_Once_JobStillSucceedsAndTheHandBackDoesNotCount()
    {
        var id = NewId();
        using var folder = new TempFolder("vp-job-handback");
        var clip = await TestMedia.ClipAsync(folder.Path, 320, 180, 2);
        await using (var source = File.OpenRead(clip))
        {
            await new FileSystemObjectStore(cluster.StorageRoot, TimeProvider.System).PutAsync($"raw/{id}/source", source);
        }

        await WriteProcessingVideoAsync(id);
        var now = TimeProvider.System.GetUtcNow();
        // Queued but not pushed: this test's worker starts it first, then the test cluster's media silo once it is handed back.
        await WriteJobAsync(id, new TranscodeJobState
        {
            Request = new TranscodeRequest(id, $"raw/{id}/source", new FileInfo(clip).Length),
            Status = TranscodeJobStatus.Queued,
            EnqueuedAt = now,
            UpdatedAt = now,
        });
        var job = cluster.Client.GetGrain<ITranscodeJobGrain>(id);

        Assert.NotNull(await job.Start("a media silo that drains"));
        await job.Release("a media silo that drains");

        Assert.True(await Eventually.WaitAsync(async () => (await job.Get())!.Status is TranscodeJobStatus.Succeeded or TranscodeJobStatus.Failed, TimeSpan.FromMinutes(2)));
        var after = (await job.Get())!;
        Assert.Equal((TranscodeJobStatus.Succeeded, 1), (after.Status, after.Attempts));
        Assert.Equal(VideoStatus.Ready, (await cluster.Client.GetGrain<IVideoGrain>(id).Get())!.Status);
    }

    [Fact]
    public async Task Crash_AfterTheQueuedWrite_EnqueueAgainPutsTheJobInTheQueue()
    {
        var id = NewId();
        var request = new TranscodeRequest(id, $"raw/{id}/source", 10);
        await WriteVideoAsync(id, VideoStatus.Uploaded);
        // What a silo dying right after Enqueue's write leaves: the job Queued, no reminder, not in the queue.
        var now = TimeProvider.System.GetUtcNow();
        await WriteJobAsync(id, new TranscodeJobState { Request = request, Status = TranscodeJobStatus.Queued, EnqueuedAt = now, UpdatedAt = now });
        var job = cluster.Client.GetGrain<ITranscodeJobGrain>(id);

        await job.Enqueue(request); // what the video does when the upload grain's reminder tells it again

        // A media silo of the test cluster takes it (the source is missing, so the attempt then fails): it was pushed.
        var queue = cluster.Client.GetGrain<ITranscodeQueueGrain>(TranscodeQueue.Key);
        var until = TimeProvider.System.GetUtcNow().AddSeconds(20);
        while ((await job.Get())!.Attempts == 0 && !(await queue.Stats()).QueuedJobs.Contains(id) && TimeProvider.System.GetUtcNow() < until)
        {
            await Task.Delay(50);
        }

        Assert.True((await job.Get())!.Attempts > 0 || (await queue.Stats()).QueuedJobs.Contains(id));
    }

    [Fact]
    public async Task PreviousVersionState_QueuedAfterAnAttempt_LoadsAsRetrying()
    {
        var id = NewId();
        var now = TimeProvider.System.GetUtcNow();
        // What the previous version wrote for a job waiting out a retry's backoff: Queued, with an attempt behind it.
        await WriteJobAsync(id, new TranscodeJobState
        {
            Request = new TranscodeRequest(id, $"raw/{id}/source", 10),
            Status = TranscodeJobStatus.Queued,
            Attempts = 1,
            EnqueuedAt = now,
            UpdatedAt = now,
        });

        var job = await cluster.Client.GetGrain<ITranscodeJobGrain>(id).Get();

        Assert.Equal((TranscodeJobStatus.Retrying, 1), (job!.Status, job.Attempts));
    }

    private static string NewId() => $"job-{Guid.NewGuid():N}"[..20];

    private Task WriteProcessingVideoAsync(string id, string? masterKey = null) => WriteVideoAsync(id, VideoStatus.Processing, masterKey);

    private async Task WriteVideoAsync(string id, VideoStatus status, string? masterKey = null)
    {
        var now = TimeProvider.System.GetUtcNow();
        var video = new VideoDetails
        {
            Id = id,
            Title = "crash",
            Status = status,
            SourceKey = $"raw/{id}/source",
            MasterKey = masterKey,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 3,
        };
        await Storage.WriteStateAsync("video", cluster.Client.GetGrain<IVideoGrain>(id).GetGrainId(), new GrainState<VideoState> { State = new VideoState { Video = video } });
    }

    /// <summary>A Processing video and its job as given, asking for the video's (missing) source.</summary>
    private async Task<ITranscodeJobGrain> WriteProcessingJobAsync(string id, TranscodeJobState job)
    {
        await WriteProcessingVideoAsync(id);
        job.Request = new TranscodeRequest(id, $"raw/{id}/source", 10);
        await WriteJobAsync(id, job);
        return cluster.Client.GetGrain<ITranscodeJobGrain>(id);
    }

    private Task WriteJobAsync(string id, TranscodeJobState job) =>
        Storage.WriteStateAsync("job", cluster.Client.GetGrain<ITranscodeJobGrain>(id).GetGrainId(), new GrainState<TranscodeJobState> { State = job });
}
