using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VideoPlatform.Grains.Channels;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ChannelsApiTests(PlatformClusterFixture cluster) : ClusterApiTest(cluster)
{
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? owner = "chowner")
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (owner is not null)
        {
            await request.AuthorizeAsync(Http, owner);
        }

        return await Http.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Create_Returns201_WithKeyAndIngestOnce_GetNeverShowsKey()
    {
        var response = await SendAsync(HttpMethod.Post, "/api/channels", new { name = "  My channel " });
        var created = await JsonAsync(response);
        var id = created.GetProperty("id").GetString()!;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/channels/{id}", response.Headers.Location?.ToString());
        Assert.Equal("My channel", created.GetProperty("name").GetString());
        Assert.Equal("idle", created.GetProperty("status").GetString());
        Assert.Equal((await NamedUsers.GetAsync(Http, "chowner")).Id, created.GetProperty("owner").GetProperty("id").GetString());
        Assert.Equal(32, created.GetProperty("streamKey").GetString()!.Length);
        Assert.Equal("rtmp://localhost:1935/live", created.GetProperty("ingest").GetProperty("rtmp").GetString());
        Assert.Equal($"/live/{id}/master.m3u8", created.GetProperty("playback").GetProperty("hls").GetString());
        Assert.True(created.GetProperty("settings").GetProperty("record").GetBoolean());
        var fetched = await Http.GetStringAsync($"/api/channels/{id}");
        Assert.DoesNotContain("streamKey", fetched, StringComparison.Ordinal);
        Assert.DoesNotContain(created.GetProperty("streamKey").GetString()!, fetched, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_InvalidName_400()
    {
        var response = await SendAsync(HttpMethod.Post, "/api/channels", new { name = " " });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_name", (await JsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task RotateAndPatch_OwnerOnly_OthersGet403_UnknownGets404()
    {
        var created = await JsonAsync(await SendAsync(HttpMethod.Post, "/api/channels", new { name = "mine" }));
        var id = created.GetProperty("id").GetString()!;

        var stranger = await SendAsync(HttpMethod.Post, $"/api/channels/{id}/stream-key", owner: "someoneelse");
        var rotated = await SendAsync(HttpMethod.Post, $"/api/channels/{id}/stream-key");
        var patched = await JsonAsync(await SendAsync(HttpMethod.Patch, $"/api/channels/{id}", new { record = false, latencyMode = "low", name = "renamed" }));
        var disabled = await JsonAsync(await SendAsync(HttpMethod.Patch, $"/api/channels/{id}", new { disabled = true }));

        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var newKey = (await JsonAsync(rotated)).GetProperty("streamKey").GetString();
        Assert.NotEqual(created.GetProperty("streamKey").GetString(), newKey);
        Assert.Equal(id, await Cluster.Client.GetGrain<IStreamKeyIndexGrain>(StreamKeys.IndexId(StreamKeys.Hash(newKey!))).Get());
        Assert.False(patched.GetProperty("settings").GetProperty("record").GetBoolean());
        Assert.Equal("low", patched.GetProperty("settings").GetProperty("latencyMode").GetString());
        Assert.Equal("renamed", patched.GetProperty("name").GetString());
        Assert.Equal("disabled", disabled.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Post, "/api/channels/nope123/stream-key")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/api/channels/nope123")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync($"/live/{id}/master.m3u8")).StatusCode);
    }

    [Fact]
    public async Task List_LiveChannelsFirst_StatusFilter()
    {
        var idle = await JsonAsync(await SendAsync(HttpMethod.Post, "/api/channels", new { name = "idle one", record = false }));
        var live = await JsonAsync(await SendAsync(HttpMethod.Post, "/api/channels", new { name = "live one", record = false }));
        var liveId = live.GetProperty("id").GetString()!;
        var grant = await Cluster.Client.GetGrain<IChannelGrain>(liveId).BeginPublish(new PublishRequest
        {
            KeyHash = StreamKeys.Hash(live.GetProperty("streamKey").GetString()!),
            IngestNode = "test",
            ConnectionId = "c1",
        });

        var all = (await JsonAsync(await Http.GetAsync("/api/channels?limit=100"))).GetProperty("items").EnumerateArray().ToList();
        var onlyLive = (await JsonAsync(await Http.GetAsync("/api/channels?status=live"))).GetProperty("items").EnumerateArray().ToList();
        await Cluster.Client.GetGrain<IChannelGrain>(liveId).EndPublish(grant.SessionId!, "c1", SessionEnd.Unpublished);

        Assert.Equal("live", all[0].GetProperty("status").GetString());
        Assert.Contains(all, c => c.GetProperty("id").GetString() == idle.GetProperty("id").GetString());
        Assert.Contains(onlyLive, c => c.GetProperty("id").GetString() == liveId);
        Assert.All(onlyLive, c => Assert.Equal("live", c.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.GetAsync("/api/channels?status=streaming")).StatusCode);
    }

    [Fact]
    public async Task List_ByOwner_ListsOnlyThatOwnersChannels()
    {
        var mine = await JsonAsync(await SendAsync(HttpMethod.Post, "/api/channels", new { name = "mine", record = false }, owner: "listowner"));
        await SendAsync(HttpMethod.Post, "/api/channels", new { name = "theirs", record = false }, owner: "listother");
        var mineId = mine.GetProperty("id").GetString();

        var asMe = await JsonAsync(await SendAsync(HttpMethod.Get, "/api/channels?owner=me&limit=100", owner: "listowner"));
        var byId = await JsonAsync(await Http.GetAsync($"/api/channels?owner={mine.GetProperty("owner").GetProperty("id").GetString()}"));
        var anonymous = await Http.GetAsync("/api/channels?owner=me");

        Assert.Equal([mineId], asMe.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal([mineId], byId.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

}
