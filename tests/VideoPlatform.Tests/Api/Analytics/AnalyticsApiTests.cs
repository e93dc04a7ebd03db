using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api.Analytics;

[Trait("Category", "Integration")]
[Collection(ClusterCollection.Name)]
public sealed class AnalyticsApiTests(PlatformClusterFixture cluster) : IAsyncLifetime
{
    private readonly ApiFactory api = new(cluster);
    private HttpClient anonymous = null!;
    private TestUser owner = null!;

    public async Task InitializeAsync()
    {
        anonymous = api.CreateClient();
        owner = await api.RegisterUserAsync();
    }

    public async Task DisposeAsync()
    {
        owner.Dispose();
        anonymous.Dispose();
        await api.DisposeAsync();
    }

    private static object Event(string type, double position, DateTimeOffset at) => new { type, at, position };

    private static object Batch(string session, int sequence, params object[] events) => new { sessionId = session, sequence, events };

    [Fact]
    public async Task PostEvents_BadInput_RefusedWithCode_AndNothingCounted()
    {
        var id = await CreateVideoAsync();
        var now = TimeProvider.System.GetUtcNow();
        const string session = "bad-input-session-01";
        var refused = new (object Body, string Code)[]
        {
            (Batch(session, 0, Event("teleport", 1, now)), "invalid_event_type"),
            (Batch(session, 0, Event("play", -1, now)), "invalid_position"),
            (Batch(session, 0, Event("play", 1e9, now)), "invalid_position"),
            (Batch(session, 0, Event("play", 1, now.AddDays(-2))), "invalid_event_time"),
            (Batch(session, 0, Enumerable.Range(0, 101).Select(i => Event("heartbeat", i, now)).ToArray()), "too_many_events"),
            (Batch("short", 0, Event("play", 0, now)), "invalid_session"),
        };
        foreach (var (body, code) in refused)
        {
            var response = await anonymous.PostAsJsonAsync($"/api/videos/{id}/events", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(code, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        }

        var padding = new string('x', 65 * 1024);
        var huge = await anonymous.PostAsJsonAsync($"/api/videos/{id}/events", new { sessionId = session, events = new[] { new { type = "error", at = now, position = 0, errorCode = padding } } });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);

        var accepted = await anonymous.PostAsJsonAsync($"/api/videos/{id}/events",
            Batch("good-session-000001", 0, Event("play", 0, now.AddSeconds(-20)), Event("heartbeat", 15, now.AddSeconds(-5))));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        // Only the accepted batch is counted: one session, one view (15 s watched), 15 s of watch time.
        JsonElement stats = default;
        Assert.True(await Eventually.WaitAsync(async () =>
        {
            stats = JsonDocument.Parse(await owner.Client.GetStringAsync($"/api/videos/{id}/stats")).RootElement;
            return stats.GetProperty("views").GetInt64() == 1;
        }, TimeSpan.FromSeconds(30)));
        Assert.Equal(15, stats.GetProperty("watchTimeSeconds").GetDouble());
        Assert.Equal(1, stats.GetProperty("uniqueViewers").GetInt64());
        Assert.Equal(100, stats.GetProperty("retention").GetArrayLength());
    }

    [Fact]
    public async Task PostEvents_UnknownVideo_404()
    {
        var response = await anonymous.PostAsJsonAsync("/api/videos/doesnotexist1/events",
            Batch("some-session-000001", 0, Event("play", 0, TimeProvider.System.GetUtcNow())));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Stats_OwnerOnly_OthersRefused()
    {
        var id = await CreateVideoAsync();
        using var stranger = await api.RegisterUserAsync();

        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync($"/api/videos/{id}/stats")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.Client.GetAsync($"/api/videos/{id}/stats")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/videos/{id}/stats")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync($"/api/videos/{id}/stats/timeseries?bucket=hour")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.Client.GetAsync($"/api/videos/{id}/stats/timeseries?bucket=minute")).StatusCode);
    }

    [Fact]
    public async Task Trending_ListsOnlyPublicReadyVideos()
    {
        var id = await CreateVideoAsync();
        var now = TimeProvider.System.GetUtcNow();
        await anonymous.PostAsJsonAsync($"/api/videos/{id}/events",
            Batch("trend-session-000001", 0, Event("play", 0, now.AddSeconds(-20)), Event("heartbeat", 15, now.AddSeconds(-5))));

        var week = JsonDocument.Parse(await anonymous.GetStringAsync("/api/trending?window=week")).RootElement;
        Assert.DoesNotContain(week.GetProperty("items").EnumerateArray(), v => v.GetProperty("id").GetString() == id);
        Assert.All(week.GetProperty("items").EnumerateArray(), v => Assert.Equal("ready", v.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/api/trending?window=year")).StatusCode);
    }

    private async Task<string> CreateVideoAsync()
    {
        var response = await owner.Client.PostAsJsonAsync("/api/videos", new { title = "analytics" });
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }
}
