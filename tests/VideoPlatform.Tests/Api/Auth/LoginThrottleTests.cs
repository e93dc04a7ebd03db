using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api.Auth;

/// <summary>
/// Repeated wrong passwords throttle a login name (429), the same way whether or not an account has it; per client
/// address first, and per account only at a higher ceiling, so a stranger cannot lock the owner out.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class LoginThrottleTests(PlatformClusterFixture cluster) : IAsyncLifetime
{
    private const int MaxFailures = 3;
    private const int MaxFailuresPerName = 6;
    private readonly ApiFactory api = new(cluster, new Dictionary<string, string?>
    {
        ["VideoPlatform:Auth:MaxFailedLogins"] = MaxFailures.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["VideoPlatform:Auth:MaxFailedLoginsPerName"] = MaxFailuresPerName.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["VideoPlatform:Auth:LoginThrottleWindow"] = "00:00:40",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Login_StrangerFailingFromItsAddress_OwnerStillLogsInFromAnother()
    {
        using var victim = await api.RegisterUserAsync();
        using var stranger = PeerAddress.Client(api, "198.51.100.7");
        using var owner = PeerAddress.Client(api, "203.0.113.20");
        var failures = await FailAsync(stranger, victim.Username);

        var strangerAgain = await LoginAsync(stranger, victim.Username, victim.Password);
        var ownerLogin = await LoginAsync(owner, victim.Username, victim.Password);

        Assert.All(failures, f => Assert.Equal(HttpStatusCode.Unauthorized, f));
        await Problems.AssertTooManyAsync(strangerAgain, TimeSpan.FromSeconds(40));
        Assert.Equal(HttpStatusCode.OK, ownerLogin.StatusCode);
    }

    [Fact]
    public async Task Login_UsernameAndEmailOfOneAccount_ShareTheirFailures()
    {
        using var user = await api.RegisterUserAsync();
        using var http = PeerAddress.Client(api, "198.51.100.8");
        for (var i = 0; i < MaxFailures - 1; i++)
        {
            await LoginAsync(http, user.Username, "not-the-password");
        }

        await http.PostAsJsonAsync("/api/auth/login", new { email = $"{user.Username.ToUpperInvariant()}@example.com", password = "not-the-password" });

        await Problems.AssertTooManyAsync(await LoginAsync(http, user.Username, user.Password), TimeSpan.FromSeconds(40));
    }

    [Fact]
    public async Task Login_FailuresFromManyAddresses_StopAtThePerNameCeiling()
    {
        using var user = await api.RegisterUserAsync();
        for (var peer = 0; peer < MaxFailuresPerName / (MaxFailures - 1); peer++)
        {
            using var http = PeerAddress.Client(api, $"198.51.100.{100 + peer}");
            for (var i = 0; i < MaxFailures - 1; i++)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(http, user.Username, "not-the-password")).StatusCode);
            }
        }

        using var fresh = PeerAddress.Client(api, "203.0.113.21");
        await Problems.AssertTooManyAsync(await LoginAsync(fresh, user.Username, user.Password), TimeSpan.FromSeconds(40));
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task Login_AfterRepeatedFailures_Returns429WithRetryAfterEvenWithTheRightPassword()
    {
        using var user = await api.RegisterUserAsync();
        using var http = api.CreateClient();
        var failures = await FailAsync(http, user.Username);

        var right = await LoginAsync(http, user.Username, user.Password);

        Assert.All(failures, f => Assert.Equal(HttpStatusCode.Unauthorized, f));
        await Problems.AssertTooManyAsync(right, TimeSpan.FromSeconds(40));
    }

    [Fact]
    public async Task Login_ThrottledKnownAndUnknownNames_LookTheSame()
    {
        using var user = await api.RegisterUserAsync();
        using var http = api.CreateClient();
        var unknown = "nobody" + Guid.NewGuid().ToString("N")[..8];
        await FailAsync(http, user.Username);
        await FailAsync(http, unknown);

        var known = await Problems.AssertTooManyAsync(await LoginAsync(http, user.Username, "wrong-again-password"), TimeSpan.FromSeconds(40));
        var nobody = await Problems.AssertTooManyAsync(await LoginAsync(http, unknown, "wrong-again-password"), TimeSpan.FromSeconds(40));

        static string Words(JsonElement e) => $"{e.GetProperty("code")}|{e.GetProperty("title")}|{e.GetProperty("type")}";
        Assert.Equal(Words(known), Words(nobody));
    }

    [Fact]
    public async Task Login_ThrottledName_OtherNamesStillLogIn()
    {
        using var victim = await api.RegisterUserAsync();
        using var other = await api.RegisterUserAsync();
        using var http = api.CreateClient();
        await FailAsync(http, victim.Username);

        var response = await LoginAsync(http, other.Username, other.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Login_FailuresThenSuccess_StartCountingAfresh()
    {
        using var user = await api.RegisterUserAsync();
        using var http = api.CreateClient();
        for (var i = 0; i < MaxFailures - 1; i++)
        {
            await LoginAsync(http, user.Username, "not-the-password");
        }

        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(http, user.Username, user.Password)).StatusCode);
        await LoginAsync(http, user.Username, "not-the-password");

        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(http, user.Username, user.Password)).StatusCode);
    }

    private static async Task<HttpStatusCode[]> FailAsync(HttpClient http, string username)
    {
        var codes = new HttpStatusCode[MaxFailures];
        for (var i = 0; i < MaxFailures; i++)
        {
            codes[i] = (await LoginAsync(http, username, "not-the-password")).StatusCode;
        }

        return codes;
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient http, string username, string password) =>
        http.PostAsJsonAsync("/api/auth/login", new { username, password });
}
