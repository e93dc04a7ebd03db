using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using VideoPlatform.Api.Auth;
using VideoPlatform.Grains.Users;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api.Auth;

[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TokenTests(PlatformClusterFixture cluster) : IAsyncLifetime
{
    private readonly ApiFactory api = new(cluster);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task AccessToken_Valid_Returns200()
    {
        using var user = await api.RegisterUserAsync();

        Assert.Equal(HttpStatusCode.OK, await MeAsync(user.AccessToken));
    }

    [Fact]
    public async Task AccessToken_Expired_Returns401()
    {
        using var user = await api.RegisterUserAsync();
        var profile = (await cluster.Client.GetGrain<IUserGrain>(user.Id).Get())!;
        var expired = await api.Services.GetRequiredService<TokenIssuer>().AccessTokenAsync(profile, TimeProvider.System.GetUtcNow().AddHours(-2));

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(expired));
    }

    [Fact]
    public async Task AccessToken_WrongSignature_Returns401()
    {
        using var user = await api.RegisterUserAsync();
        var forged = Sign(user.Id, "videoplatform-api", new SymmetricSecurityKey(new byte[32]) { KeyId = "vp1" });

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(forged));
    }

    [Fact]
    public async Task AccessToken_WrongAudience_Returns401()
    {
        using var user = await api.RegisterUserAsync();
        var key = await api.Services.GetRequiredService<SigningKeys>().EnsureAsync();

        Assert.Equal(HttpStatusCode.OK, await MeAsync(Sign(user.Id, "videoplatform-api", key)));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(Sign(user.Id, "another-service", key)));
    }

    [Fact]
    public async Task Refresh_RotatesAndReuseOfAnOldTokenRevokesTheFamily()
    {
        using var user = await api.RegisterUserAsync();
        using var http = api.CreateClient();

        var rotated = await http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = user.RefreshToken });
        var next = (await JsonAsync(rotated)).GetProperty("refreshToken").GetString()!;
        var reused = await http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = user.RefreshToken });
        var afterReuse = await http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = next });

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.NotEqual(user.RefreshToken, next);
        Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterReuse.StatusCode);
    }

    [Fact]
    public async Task Logout_RevokesTheRefreshToken()
    {
        using var user = await api.RegisterUserAsync();
        using var http = api.CreateClient();

        var logout = await http.PostAsJsonAsync("/api/auth/logout", new { refreshToken = user.RefreshToken });
        var refresh = await http.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = user.RefreshToken });

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    [Fact]
    public async Task Login_WrongPasswordAndUnknownUser_SameAnswer()
    {
        using var user = await api.RegisterUserAsync();
        using var http = api.CreateClient();

        var wrong = await http.PostAsJsonAsync("/api/auth/login", new { username = user.Username, password = "not-the-password" });
        var unknown = await http.PostAsJsonAsync("/api/auth/login", new { username = "nobody-" + Guid.NewGuid().ToString("N")[..8], password = "x" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        string Words(JsonElement e) => $"{e.GetProperty("code")}|{e.GetProperty("title")}|{e.GetProperty("detail")}";
        Assert.Equal(Words(await JsonAsync(wrong)), Words(await JsonAsync(unknown)));
    }

    [Theory]
    [InlineData("ab", "a@example.com", "long-enough-password", "invalid_username")]
    [InlineData("good_name", "not-an-email", "long-enough-password", "invalid_email")]
    [InlineData("good_name", "a@example.com", "short", "weak_password")]
    public async Task Register_Invalid_Returns400WithCode(string username, string email, string password, string code)
    {
        using var http = api.CreateClient();

        var response = await http.PostAsJsonAsync("/api/auth/register", new { username, email, password });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await JsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Register_SameUsernameFromManyTasks_ExactlyOneSucceeds()
    {
        var username = $"race{Guid.NewGuid():N}"[..14];
        var attempts = Enumerable.Range(0, 24).Select(async i =>
        {
            using var http = api.CreateClient();
            using var response = await http.PostAsJsonAsync("/api/auth/register",
                new { username = i % 2 == 0 ? username : username.ToUpperInvariant(), email = $"{username}{i}@example.com", password = "correct-horse-battery" });
            return response.StatusCode;
        });

        var results = await Task.WhenAll(attempts);

        Assert.Single(results, HttpStatusCode.Created);
        Assert.Equal(23, results.Count(s => s == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task Register_TakenEmail_Returns409EmailTaken()
    {
        using var user = await api.RegisterUserAsync();
        using var http = api.CreateClient();

        var response = await http.PostAsJsonAsync("/api/auth/register", new { username = user.Username + "x", email = $"{user.Username}@EXAMPLE.com", password = "correct-horse-battery" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("email_taken", (await JsonAsync(response)).GetProperty("code").GetString());
    }

    private static string Sign(string userId, string audience, SecurityKey key) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "videoplatform",
        Audience = audience,
        Subject = new ClaimsIdentity([new Claim("sub", userId)]),
        Expires = TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(5),
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
    });

    private async Task<HttpStatusCode> MeAsync(string token)
    {
        using var http = api.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.GetAsync(new Uri("/api/me", UriKind.Relative));
        return response.StatusCode;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
