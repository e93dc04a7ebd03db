using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VideoPlatform.Tests.Fixtures;
using static VideoPlatform.Tests.Api.Uploads.TusRequests;

namespace VideoPlatform.Tests.Api.Videos;

/// <summary>Per-user quotas through the Api: videos per day, uploads at once, bytes stored; admins are exempt.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class QuotaTests(PlatformClusterFixture cluster) : IAsyncLifetime
{
    private readonly ApiFactory api = new(cluster, new Dictionary<string, string?>
    {
        ["VideoPlatform:Quotas:MaxVideosPerDay"] = "3",
        ["VideoPlatform:Quotas:MaxConcurrentUploads"] = "1",
        ["VideoPlatform:Quotas:MaxStoredBytes"] = "1000",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task CreateVideo_OverThePerDayQuota_Answers429NamingTheQuotaButNotForAnAdmin()
    {
        using var user = await api.RegisterUserAsync();
        using var admin = await api.AdminAsync();
        for (var i = 0; i < 3; i++)
        {
            await CreateVideoAsync(user.Client);
            await CreateVideoAsync(admin.Client);
        }

        using var refused = await user.Client.PostAsJsonAsync("/api/videos", new { title = "one too many" });
        using var adminAgain = await admin.Client.PostAsJsonAsync("/api/videos", new { title = "admins have no quota" });

        var problem = await AssertQuotaAsync(refused, HttpStatusCode.TooManyRequests, "videos_per_day", 3);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.FromHours(23), $"Retry-After: {refused.Headers.RetryAfter}");
        Assert.Equal(HttpStatusCode.Created, adminAgain.StatusCode);
        Assert.Contains("videos per day", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateUpload_OverTheConcurrentQuota_Answers429UntilTheFirstUploadEnds()
    {
        using var user = await api.RegisterUserAsync();
        var (_, first) = await CreateUploadAsync(user.Client, cluster, 100);
        var second = await CreateVideoAsync(user.Client);

        using var refused = await user.Client.SendAsync(Create(100, Metadata(("videoId", second))));
        using var terminated = await user.Client.SendAsync(Delete(first));
        using var accepted = await user.Client.SendAsync(Create(100, Metadata(("videoId", second))));

        await AssertQuotaAsync(refused, HttpStatusCode.TooManyRequests, "concurrent_uploads", 1);
        Assert.Equal(HttpStatusCode.NoContent, terminated.StatusCode);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Fact]
    public async Task CreateUpload_VideoDeletedMidUpload_FreesTheSlot()
    {
        using var user = await api.RegisterUserAsync();
        var (abandoned, _) = await CreateUploadAsync(user.Client, cluster, 100);
        var next = await CreateVideoAsync(user.Client);

        using var deleted = await user.Client.DeleteAsync(new Uri($"/api/videos/{abandoned}", UriKind.Relative));
        // The upload hears of the delete one-way: poll until its slot is free.
        var status = HttpStatusCode.TooManyRequests;
        var freed = await Eventually.WaitAsync(async () =>
        {
            using var attempt = await user.Client.SendAsync(Create(100, Metadata(("videoId", next))));
            status = attempt.StatusCode;
            return status == HttpStatusCode.Created;
        }, TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.True(freed, $"the upload of the deleted video still holds its slot ({status})");
    }

    [Fact]
    public async Task Uploads_OverTheStoredBytesQuota_Answer403UntilAVideoIsDeleted()
    {
        using var user = await api.RegisterUserAsync();
        var kept = await CreateVideoAsync(user.Client);
        var next = await CreateVideoAsync(user.Client);

        using var claim = await user.Client.SendAsync(Create(2000, Metadata(("videoId", next))));
        using var first = await PutAsync(user.Client, kept, 600);
        using var over = await PutAsync(user.Client, next, 600);
        using var deleted = await user.Client.DeleteAsync(new Uri($"/api/videos/{kept}", UriKind.Relative));
        using var after = await PutAsync(user.Client, next, 600);

        await AssertQuotaAsync(claim, HttpStatusCode.Forbidden, "stored_bytes", 1000);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await AssertQuotaAsync(over, HttpStatusCode.Forbidden, "stored_bytes", 1000);
        Assert.Null(over.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, after.StatusCode);
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string videoId, int bytes) =>
        client.PutAsync(new Uri($"/api/videos/{videoId}/source", UriKind.Relative), new ByteArrayContent(RandomBytes(bytes)));

    private static async Task<JsonElement> AssertQuotaAsync(HttpResponseMessage response, HttpStatusCode status, string quota, long limit)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {body}");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal("quota_exceeded", problem.GetProperty("code").GetString());
        Assert.Equal(quota, problem.GetProperty("quota").GetString());
        Assert.Equal(limit, problem.GetProperty("limit").GetInt64());
        return problem;
    }
}
