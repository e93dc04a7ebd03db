using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Storage;
using VideoPlatform.Grains.Catalog;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api.Users;

/// <summary>The feed shows what the video grains say now, not what a lagging catalog still lists.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class FeedTests(PlatformClusterFixture cluster) : IAsyncLifetime
{
    private readonly ApiFactory api = new(cluster);

    private IGrainStorage Storage => cluster.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>("Default");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task Feed_CatalogListsVideosSincePrivateOrDeleted_ShowsOnlyReadyPublicOnes()
    {
        using var follower = await api.RegisterUserAsync();
        using var creator = await api.RegisterUserAsync();
        (await follower.Client.PostAsync(new Uri($"/api/users/{creator.Id}/subscription", UriKind.Relative), null)).EnsureSuccessStatusCode();
        var shown = await WriteVideoAsync(creator.Id, VideoStatus.Ready, Visibility.Public);
        var madePrivate = await WriteVideoAsync(creator.Id, VideoStatus.Ready, Visibility.Private);
        var deleted = await WriteVideoAsync(creator.Id, VideoStatus.Deleted, Visibility.Public);
        // Each entry as the catalog read it before the change: Ready and public.
        var stale = new StaleCatalog([.. new[] { shown, madePrivate, deleted }.Select(v =>
            VideoCatalogEntry.From(v) with { Status = VideoStatus.Ready, Visibility = Visibility.Public })]);
        await using var lagging = api.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.RemoveAll<IVideoCatalog>();
            s.AddSingleton<IVideoCatalog>(stale);
        }));
        using var http = lagging.CreateClient();
        http.DefaultRequestHeaders.Authorization = follower.Client.DefaultRequestHeaders.Authorization;

        var feed = await http.GetFromJsonAsync<JsonElement>(new Uri("/api/me/feed", UriKind.Relative));

        var ids = feed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Equal([shown.Id], ids);
    }

    /// <summary>A video as a silo would have left it (no upload or transcode needed), the grain not yet active.</summary>
    private async Task<VideoDetails> WriteVideoAsync(string ownerId, VideoStatus status, Visibility visibility)
    {
        var id = PlatformIds.New();
        var now = TimeProvider.System.GetUtcNow();
        var video = new VideoDetails
        {
            Id = id,
            Title = $"{status} {visibility}",
            OwnerId = ownerId,
            Status = status,
            Visibility = visibility,
            MasterKey = $"vod/{id}/hls/master.m3u8",
            CreatedAt = now,
            UpdatedAt = now,
        };
        await Storage.WriteStateAsync("video", cluster.Client.GetGrain<IVideoGrain>(id).GetGrainId(), new GrainState<VideoState> { State = new VideoState { Video = video } });
        return video;
    }
}
