using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using VideoPlatform.Grains.Analytics;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api.Videos;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class VideosApiTests(PlatformClusterFixture cluster) : IAsyncLifetime
{
    private readonly ApiFactory api = new(cluster);

    private IGrainStorage Storage => cluster.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>("Default");
    private HttpClient http = null!;

    public async Task InitializeAsync() => http = (await api.RegisterUserAsync()).Client;

    [Fact]
    public async Task Create_ValidRequest_Returns201WithUploadInstructions()
    {
        var response = await http.PostAsJsonAsync("/api/videos", new { title = "  Hello  ", tags = new[] { "a", "A", "b" }, visibility = "unlisted" });
        var body = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/videos/{body.GetProperty("id").GetString()}", response.Headers.Location?.ToString());
        Assert.Equal("Hello", body.GetProperty("title").GetString());
        Assert.Equal("created", body.GetProperty("status").GetString());
        Assert.Equal("unlisted", body.GetProperty("visibility").GetString());
        Assert.Equal(["a", "b"], body.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("/api/uploads", body.GetProperty("upload").GetProperty("tusEndpoint").GetString());
        Assert.Equal(body.GetProperty("id").GetString(), body.GetProperty("upload").GetProperty("metadata").GetProperty("videoId").GetString());
        Assert.Matches("^[A-Za-z0-9_-]{11}$", body.GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("{}", "invalid_title")]
    [InlineData("{\"title\":\"\"}", "invalid_title")]
    [InlineData("{\"title\":\"t\",\"tags\":[\"\"]}", "invalid_tags")]
    public async Task Create_InvalidFields_Returns400WithCode(string json, string code)
    {
        var response = await http.PostAsync(new Uri("/api/videos", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
        var body = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, body.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("{\"title\":")]
    [InlineData("{\"title\":\"t\",\"visibility\":\"secret\"}")]
    [InlineData("[1,2]")]
    public async Task Create_MalformedJson_Returns400ProblemDetails(string json)
    {
        var response = await http.PostAsync(new Uri("/api/videos", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task UnknownVideo_Returns404ProblemDetails(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/api/videos/doesNotExist");
        if (method == "PATCH")
        {
            request.Content = JsonContent.Create(new { title = "x" });
        }

        var response = await http.SendAsync(request);
        var body = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Patch_ChangesOnlyGivenFields()
    {
        var id = await CreateAsync("before");

        var response = await http.PatchAsJsonAsync($"/api/videos/{id}", new { description = "new words", visibility = "private" });
        var body = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("before", body.GetProperty("title").GetString());
        Assert.Equal("new words", body.GetProperty("description").GetString());
        Assert.Equal("private", body.GetProperty("visibility").GetString());
    }

    [Fact]
    public async Task Delete_ThenReadEditUploadOrList_Answers404DeletedAndServesNothingOfIt()
    {
        using var owner = await api.RegisterUserAsync();
        var id = await CreateAsync("secret title", owner);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync(new Uri($"/api/videos/{id}", UriKind.Relative))).StatusCode);

        var get = await owner.Client.GetAsync(new Uri($"/api/videos/{id}", UriKind.Relative));
        using var stranger = api.CreateClient();
        var anonymous = await stranger.GetAsync(new Uri($"/api/videos/{id}", UriKind.Relative));
        var patch = await owner.Client.PatchAsJsonAsync($"/api/videos/{id}", new { title = "again" });
        var upload = await owner.Client.PutAsync(new Uri($"/api/videos/{id}/source", UriKind.Relative), new ByteArrayContent([1, 2, 3]));
        var play = await owner.Client.GetAsync(new Uri($"/play/{id}/master.m3u8", UriKind.Relative));
        var listed = await JsonAsync(await owner.Client.GetAsync(new Uri("/api/videos?owner=me", UriKind.Relative)));
        var listedDeleted = await JsonAsync(await owner.Client.GetAsync(new Uri("/api/videos?owner=me&status=deleted", UriKind.Relative)));

        foreach (var response in new[] { get, anonymous, patch, upload })
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("deleted", JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
            Assert.DoesNotContain("secret title", body, StringComparison.Ordinal);
            Assert.DoesNotContain(owner.Id, body, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, play.StatusCode);
        Assert.Empty(listed.GetProperty("items").EnumerateArray());
        Assert.Empty(listedDeleted.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task List_PagesNewestFirstAndHidesNonPublicFromOthers()
    {
        using var owner = await api.RegisterUserAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await CreateAsync($"v{i}", owner, i == 2 ? "private" : "public"));
        }

        var firstPage = await JsonAsync(await http.GetAsync(new Uri($"/api/videos?owner={owner.Id}&limit=2", UriKind.Relative)));
        var cursor = firstPage.GetProperty("nextCursor").GetString();
        var secondPage = await JsonAsync(await http.GetAsync(new Uri($"/api/videos?owner={owner.Id}&limit=2&cursor={cursor}", UriKind.Relative)));
        var ownView = await JsonAsync(await owner.Client.GetAsync(new Uri("/api/videos?owner=me&limit=10", UriKind.Relative)));

        string[] Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetString()!).ToArray();
        Assert.Equal([ids[4], ids[3]], Ids(firstPage));
        Assert.Equal([ids[1], ids[0]], Ids(secondPage));
        Assert.Equal([ids[4], ids[3], ids[2], ids[1], ids[0]], Ids(ownView));
    }

    [Fact]
    public async Task List_BadStatus_Returns400()
    {
        var response = await http.GetAsync(new Uri("/api/videos?status=sideways", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_status", (await JsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Play_VideoNotReady_Returns404()
    {
        var id = await CreateAsync("not yet");

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri($"/play/{id}/master.m3u8", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Get_PlayableVideo_ShowsItsViewCount()
    {
        var id = PlatformIds.New();
        var now = TimeProvider.System.GetUtcNow();
        // A Ready video with views counted, written as a silo would have left them (no transcode needed).
        var video = new VideoDetails { Id = id, Title = "watched", Status = VideoStatus.Ready, MasterKey = $"vod/{id}/hls/master.m3u8", CreatedAt = now, UpdatedAt = now };
        await Storage.WriteStateAsync("video", cluster.Client.GetGrain<IVideoGrain>(id).GetGrainId(), new GrainState<VideoState> { State = new VideoState { Video = video } });
        await Storage.WriteStateAsync("stats", cluster.Client.GetGrain<IVideoStatsGrain>(id).GetGrainId(), new GrainState<VideoStatsState> { State = new VideoStatsState { Views = 7 } });

        var body = await JsonAsync(await http.GetAsync(new Uri($"/api/videos/{id}", UriKind.Relative)));

        Assert.Equal(7, body.GetProperty("views").GetInt64());
    }

    private async Task<string> CreateAsync(string title, TestUser? owner = null, string visibility = "public")
    {
        var response = await (owner?.Client ?? http).PostAsJsonAsync("/api/videos", new { title, visibility });
        response.EnsureSuccessStatusCode();
        return (await JsonAsync(response)).GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public Task DisposeAsync()
    {
        http.Dispose();
        return api.DisposeAsync().AsTask();
    }
}
