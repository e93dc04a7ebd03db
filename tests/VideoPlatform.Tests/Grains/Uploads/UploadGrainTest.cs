using VideoPlatform.Grains.Uploads;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Grains.Uploads;

/// <summary>The upload grain on the shared cluster: what the UploadGrain*Tests classes share.</summary>
public abstract class UploadGrainTest(PlatformClusterFixture cluster)
{
    protected static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    protected PlatformClusterFixture Cluster { get; } = cluster;

    protected IUploadGrain NewUpload() => Cluster.Client.GetGrain<IUploadGrain>(Guid.NewGuid().ToString("N")[..22]);

    /// <summary>Ends the activation; the next call loads the grain from its persisted state.</summary>
    protected async Task DeactivateAsync(IUploadGrain grain)
    {
        var before = await grain.Get();
        await Reactivation.DeactivateAsync(Cluster.Client, grain);
        Assert.Equal(before!.Offset, (await grain.Get())!.Offset);
    }

    protected static CreateUpload Command(string videoId, long length) =>
        new() { VideoId = videoId, Length = length, Expiration = TimeSpan.FromHours(1), FileName = "a.mp4" };

    protected async Task<string> NewVideoAsync()
    {
        var videoId = Guid.NewGuid().ToString("N")[..12];
        await Cluster.Client.GetGrain<IVideoGrain>(videoId).Create(new CreateVideo { Title = "t" });
        return videoId;
    }

    protected async Task<(IUploadGrain Grain, string VideoId)> CreateAsync(long length)
    {
        var videoId = await NewVideoAsync();
        var grain = NewUpload();
        await grain.Create(Command(videoId, length));
        return (grain, videoId);
    }

    /// <summary>The video once <paramref name="condition"/> holds for it (30 s unless told otherwise).</summary>
    protected async Task<VideoDetails> WaitForAsync(string videoId, Func<VideoDetails, bool> condition, TimeSpan? timeout = null)
    {
        VideoDetails? video = null;
        var reached = await Eventually.WaitAsync(async () =>
        {
            video = await Cluster.Client.GetGrain<IVideoGrain>(videoId).Get();
            return video is not null && condition(video);
        }, timeout ?? TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
        Assert.True(reached, $"video {videoId} is {video?.Status} at {video?.Progress}%");
        return video!;
    }
}
