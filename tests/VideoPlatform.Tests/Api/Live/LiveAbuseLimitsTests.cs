using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VideoPlatform.Grains.Channels;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Infrastructure.Storage.FileSystem;
using VideoPlatform.Storage;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api.Live;

/// <summary>What a stranger can make the live side spend: grain activations, viewer counts, channels, sessions.</summary>
[Trait("Category", "Integration")]
[Collection(ClusterCollection.Name)]
public sealed class LiveAbuseLimitsTests(PlatformClusterFixture cluster) : ClusterApiTest(cluster, new Dictionary<string, string?> { ["VideoPlatform:Live:ChannelsPerHour"] = "6" })
{
    [Fact]
    public async Task RandomChannelIds_UnderLive_ActivateNoGrains()
    {
        // One real channel first, so the count is known to see channel grains at all.
        await CreateAsync("floodwitness");
        var before = await LiveActivations.CountAsync(Cluster.Client);
        Assert.True(before > 0, "no channel grain activations counted");

        var statuses = await LiveActivations.FloodAsync(Http, 1000);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.NotFound, s));
        var after = await LiveActivations.CountAsync(Cluster.Client);
        Assert.True(after <= before, $"channel and session activations grew from {before} to {after}");
    }

    [Fact]
    public async Task Viewers_CountedOnlyForPlaylistsThatExist()
    {
        var (id, key) = await CreateAsync("viewcounter");
        var grant = await Publish(id, key, "c1");
        var store = new FileSystemObjectStore(Cluster.StorageRoot, TimeProvider.System);
        var missing = $"/live/{id}/{MediaKeys.LiveRungPath(grant.SessionId!, "nope", "live.m3u8")}";

        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync(missing)).StatusCode);
        }

        await Cluster.Client.GetGrain<ILiveSessionGrain>(grant.SessionId!).Renew("c1", 0);
        var viewersOfMissing = (await Cluster.Client.GetGrain<IChannelGrain>(id).Get())!.Viewers;
        await store.PutTextAsync(MediaKeys.LiveRung(id, grant.SessionId!, "src", "live.m3u8"), "#EXTM3U\n");
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync($"/live/{id}/{MediaKeys.LiveRungPath(grant.SessionId!, "src", "live.m3u8")}")).StatusCode);
        }

        // CountPlaylistFetch is one-way: poll for the fetches of the real playlist to arrive.
        var counted = await Eventually.WaitAsync(async () => (await Cluster.Client.GetGrain<IChannelGrain>(id).Get())!.Viewers > 0, TimeSpan.FromSeconds(30));
        await Cluster.Client.GetGrain<IChannelGrain>(id).EndPublish(grant.SessionId!, "c1", SessionEnd.Unpublished);

        Assert.Equal(0, viewersOfMissing);
        Assert.True(counted, "fetches of an existing playlist were not counted");
    }

    [Fact]
    public async Task CreateChannel_PastHourlyLimit_429WithCode()
    {
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 7; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/channels") { Content = JsonContent.Create(new { name = $"burst {i}" }) };
            await request.AuthorizeAsync(Http, "channelburst");
            answers.Add(await Http.SendAsync(request));
        }

        Assert.All(answers.Take(6), a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[6].StatusCode);
        Assert.NotNull(answers[6].Headers.RetryAfter);
        var problem = JsonDocument.Parse(await answers[6].Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("too_many_requests", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Publish_PastPerUserSessionCap_Rejected_FreedWhenOneEnds()
    {
        var channels = new List<(string Id, string Key)>();
        for (var i = 0; i < 4; i++)
        {
            channels.Add(await CreateAsync("manysessions"));
        }

        var grants = new List<PublishGrant>();
        foreach (var (id, key) in channels)
        {
            grants.Add(await Publish(id, key, $"c-{id}"));
        }

        await Cluster.Client.GetGrain<IChannelGrain>(channels[0].Id).EndPublish(grants[0].SessionId!, $"c-{channels[0].Id}", SessionEnd.Unpublished);
        var retried = await Publish(channels[3].Id, channels[3].Key, "c-retry");
        for (var i = 1; i < 4; i++)
        {
            var grant = i == 3 ? retried : grants[i];
            var connection = i == 3 ? "c-retry" : $"c-{channels[i].Id}";
            if (grant.Accepted)
            {
                await Cluster.Client.GetGrain<IChannelGrain>(channels[i].Id).EndPublish(grant.SessionId!, connection, SessionEnd.Unpublished);
            }
        }

        Assert.All(grants.Take(3), g => Assert.True(g.Accepted));
        Assert.Equal(PublishRejection.TooManySessions, grants[3].Rejection);
        Assert.True(retried.Accepted, "a session ended: the fourth channel may publish");
    }

    [Fact]
    public async Task Publish_OnSixChannelsAtOnce_PastPerUserSessionCap_AdmitsOnlyTheCap()
    {
        var channels = new List<(string Id, string Key)>();
        for (var i = 0; i < 6; i++)
        {
            channels.Add(await CreateAsync("racingsessions"));
        }

        // Every channel asks at the same moment: a count read before any of them is listed live would admit all six.
        var grants = await Task.WhenAll(channels.Select(c => Publish(c.Id, c.Key, $"c-{c.Id}")));
        foreach (var (grant, channel) in grants.Zip(channels).Where(p => p.First.Accepted))
        {
            await Cluster.Client.GetGrain<IChannelGrain>(channel.Id).EndPublish(grant.SessionId!, $"c-{channel.Id}", SessionEnd.Unpublished);
        }

        Assert.Equal(3, grants.Count(g => g.Accepted));
        Assert.All(grants.Where(g => !g.Accepted), g => Assert.Equal(PublishRejection.TooManySessions, g.Rejection));
    }

    private async Task<(string Id, string Key)> CreateAsync(string owner)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/channels") { Content = JsonContent.Create(new { name = "limits", record = false }) };
        await request.AuthorizeAsync(Http, owner);
        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (body.GetProperty("id").GetString()!, body.GetProperty("streamKey").GetString()!);
    }

    private Task<PublishGrant> Publish(string id, string key, string connection) =>
        Cluster.Client.GetGrain<IChannelGrain>(id).BeginPublish(new PublishRequest
        {
            KeyHash = StreamKeys.Hash(key),
            IngestNode = "test",
            ConnectionId = connection,
        });
}

/// <summary>Activations of the grains a /live request could create, and a flood of made-up channel ids.</summary>
public static class LiveActivations
{
    public static async Task<int> CountAsync(IClusterClient client)
    {
        // Grain types read "{full class name},{assembly}".
        string[] counted = [typeof(ChannelGrain).FullName!, typeof(LiveSessionGrain).FullName!];
        var stats = await client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return stats.Where(s => counted.Contains(s.GrainType.Split(',')[0])).Sum(s => s.ActivationCount);
    }

    /// <summary>Master and media playlists of <paramref name="count"/> well-formed random channel ids, 8 at a time.</summary>
    public static async Task<List<HttpStatusCode>> FloodAsync(HttpClient Http, int count)
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var batch in Enumerable.Range(0, count).Chunk(8))
        {
            statuses.AddRange(await Task.WhenAll(batch.Select(async i =>
            {
                var channel = PlatformIds.New();
                var path = i % 2 == 0 ? $"/live/{channel}/master.m3u8" : $"/live/{channel}/{MediaKeys.LiveRungPath(PlatformIds.New(), "src", "live.m3u8")}";
                using var response = await Http.GetAsync(path);
                return response.StatusCode;
            })));
        }

        return statuses;
    }
}
