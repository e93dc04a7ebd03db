using System.Collections.Concurrent;
using Orleans.Streams;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Transcoding;
using VideoPlatform.Grains.Uploads;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Storage;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Grains.Platform;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class LifecycleEventsTests(PlatformClusterFixture cluster)
{
    [Fact]
    public async Task UploadAndTranscodeJob_EveryTransitionIsPublishedOnItsStream()
    {
        var videoId = $"evts-{Guid.NewGuid():N}"[..12];
        var uploadId = Guid.NewGuid().ToString("N")[..22];
        var uploads = new ConcurrentQueue<UploadEvent>();
        var jobs = new ConcurrentQueue<TranscodeJobEvent>();
        var uploadHandle = await SubscribeAsync(StreamNames.Upload, uploadId, uploads);
        var jobHandle = await SubscribeAsync(StreamNames.TranscodeJob, videoId, jobs);
        var video = cluster.Client.GetGrain<IVideoGrain>(videoId);
        await video.Create(new CreateVideo { Title = "events" });
        var upload = cluster.Client.GetGrain<IUploadGrain>(uploadId);

        await upload.Create(new CreateUpload { VideoId = videoId, Length = 10, Expiration = TimeSpan.FromHours(1), FileName = "a.mp4" });
        var grant = await upload.BeginPatch(0, 10, TimeSpan.FromSeconds(30));
        await upload.CommitPatch(grant.Token, new PatchCommit(10, UploadStorage.Empty, MediaKeys.Source(videoId)));
        Assert.True(await Eventually.WaitAsync(() => Task.FromResult(!jobs.IsEmpty), TimeSpan.FromSeconds(10)), "the queued job's event");
        // The source holds no media: whether a worker took it or not, deleting the video ends the job.
        await video.Delete();
        var ended = await Eventually.WaitAsync(
            () => Task.FromResult(jobs.Any(e => e.To is TranscodeJobStatus.Canceled or TranscodeJobStatus.Failed)), TimeSpan.FromSeconds(20));
        Assert.True(await Eventually.WaitAsync(() => Task.FromResult(uploads.Count >= 2), TimeSpan.FromSeconds(10)), "the upload's two events");
        await uploadHandle.UnsubscribeAsync();
        await jobHandle.UnsubscribeAsync();

        Assert.Equal([(null, UploadStatus.Active), (UploadStatus.Active, UploadStatus.Completed)], uploads.Select(e => (e.From, e.To)));
        Assert.All(uploads, e => Assert.Equal((uploadId, videoId, 10L), (e.UploadId, e.VideoId, e.Length)));
        Assert.True(ended, "the job must end once its video is deleted");
        var chain = jobs.ToList(); // one producer: arrival order is publish order
        Assert.Equal((null, TranscodeJobStatus.Queued), (chain[0].From, chain[0].To));
        Assert.All(chain.Zip(chain.Skip(1)), pair => Assert.Equal(pair.First.To, pair.Second.From));
        Assert.All(chain, e => Assert.Equal(videoId, e.VideoId));
        Assert.Equal(chain.Count, chain.Select(e => e.EventId).Distinct().Count());
    }

    private Task<StreamSubscriptionHandle<T>> SubscribeAsync<T>(string streamNamespace, string key, ConcurrentQueue<T> into) =>
        cluster.Client.GetStreamProvider(StreamNames.Provider).GetStream<T>(StreamId.Create(streamNamespace, key)).SubscribeAsync((e, _) =>
        {
            into.Enqueue(e);
            return Task.CompletedTask;
        });
}
