using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api.Auth;

/// <summary>The per-IP limit of the sign-in endpoints, the per-user limit of uploads and the JSON body limit, set small.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RateLimitTests(PlatformClusterFixture cluster) : IAsyncLifetime
{
    private readonly List<ApiFactory> factories = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var factory in factories)
        {
            await factory.DisposeAsync();
        }
    }

    [Fact]
    public async Task AuthEndpoints_OverThePerIpLimit_Return429ProblemDetailsWithRetryAfter()
    {
        using var http = Api(("AuthPermitsPerMinute", "3")).CreateClient();
        var login = new { username = "nobody" + Guid.NewGuid().ToString("N")[..8], password = "not-a-password" };
        var allowed = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            allowed.Add((await http.PostAsJsonAsync("/api/auth/login", login)).StatusCode);
        }

        var overLogin = await http.PostAsJsonAsync("/api/auth/login", login);
        var overRegister = await http.PostAsJsonAsync("/api/auth/register", new { username = "late" + Guid.NewGuid().ToString("N")[..8], email = "late@example.com", password = TestUsers.Password });
        var overToken = await http.PostAsync(new Uri("/api/auth/token", UriKind.Relative), new FormUrlEncodedContent([new("grant_type", "password")]));

        Assert.All(allowed, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        await Problems.AssertTooManyAsync(overLogin, TimeSpan.FromMinutes(1));
        await Problems.AssertTooManyAsync(overRegister, TimeSpan.FromMinutes(1));
        await Problems.AssertTooManyAsync(overToken, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Uploads_OverThePerUserLimit_Return429AndOtherUsersAreNotAffected()
    {
        var api = Api(("UploadPermitsPerMinute", "2"));
        using var busy = await api.RegisterUserAsync();
        using var other = await api.RegisterUserAsync();

        var allowed = new[] { await CreateUploadAsync(busy), await CreateUploadAsync(busy) };
        var over = await CreateUploadAsync(busy);
        var overPut = await busy.Client.PutAsync(new Uri($"/api/videos/{await VideoAsync(busy)}/source", UriKind.Relative), Mp4Bytes());
        var otherUser = await CreateUploadAsync(other);

        Assert.All(allowed, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        await Problems.AssertTooManyAsync(over, TimeSpan.FromMinutes(1));
        await Problems.AssertTooManyAsync(overPut, TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Created, otherUser.StatusCode);
    }

    [Fact]
    public async Task JsonBody_OverTheLimit_Returns413ProblemDetails()
    {
        using var user = await Api(("MaxJsonBodyBytes", "1024")).RegisterUserAsync();
        var big = new { title = "big", description = new string('x', 2000) };

        var withLength = await user.Client.PostAsync(new Uri("/api/videos", UriKind.Relative),
            new StringContent(System.Text.Json.JsonSerializer.Serialize(big), Encoding.UTF8, "application/json"));
        var chunked = await user.Client.PostAsync(new Uri("/api/videos", UriKind.Relative), JsonContent.Create(big));
        var smallChunked = await user.Client.PostAsync(new Uri("/api/videos", UriKind.Relative), JsonContent.Create(new { title = "small" }));

        Assert.Null(JsonContent.Create(big).Headers.ContentLength);
        await Problems.AssertAsync(withLength, HttpStatusCode.RequestEntityTooLarge, "body_too_large");
        await Problems.AssertAsync(chunked, HttpStatusCode.RequestEntityTooLarge, "body_too_large");
        Assert.Equal(HttpStatusCode.Created, smallChunked.StatusCode);
    }

    [Theory]
    [InlineData("/api/auth/login", "{\"username\":")]
    [InlineData("/api/auth/register", "[1,2]")]
    public async Task JsonBody_MalformedInProduction_Returns400ProblemDetailsWithCode(string path, string json)
    {
        var production = new ApiFactory(cluster, new Dictionary<string, string?> { ["environment"] = "Production", ["VideoPlatform:Auth:SigningKey"] = SigningKeyTests.ProductionKey });
        factories.Add(production);
        using var http = production.CreateClient();
        Assert.True(production.Services.GetRequiredService<IHostEnvironment>().IsProduction());

        var response = await http.PostAsync(new Uri(path, UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "bad_request");
    }

    private ApiFactory Api(params (string Name, string Value)[] auth)
    {
        var factory = new ApiFactory(cluster, auth.ToDictionary(a => $"VideoPlatform:Auth:{a.Name}", a => (string?)a.Value));
        factories.Add(factory);
        return factory;
    }

    private static async Task<string> VideoAsync(TestUser user)
    {
        using var response = await user.Client.PostAsJsonAsync("/api/videos", new { title = "limited" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<HttpResponseMessage> CreateUploadAsync(TestUser user)
    {
        var videoId = await VideoAsync(user);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/uploads");
        request.Headers.Add("Tus-Resumable", "1.0.0");
        request.Headers.Add("Upload-Length", "10");
        request.Headers.Add("Upload-Metadata", $"videoId {Convert.ToBase64String(Encoding.UTF8.GetBytes(videoId))}");
        return await user.Client.SendAsync(request);
    }

    private static ByteArrayContent Mp4Bytes()
    {
        var content = new ByteArrayContent(new byte[64]);
        content.Headers.ContentType = new("video/mp4");
        return content;
    }
}
