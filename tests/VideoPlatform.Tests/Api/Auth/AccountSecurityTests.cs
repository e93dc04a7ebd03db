using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using VideoPlatform.Grains.Users;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api.Auth;

/// <summary>Admin comes from the configured list for existing accounts only; old password hashes are upgraded at login.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class AccountSecurityTests(PlatformClusterFixture cluster) : IAsyncLifetime
{
    private readonly string listedName = $"adm{Guid.NewGuid():N}"[..16];
    private ApiFactory api = null!;

    public Task InitializeAsync()
    {
        api = new ApiFactory(cluster, new Dictionary<string, string?> { ["VideoPlatform:Auth:Admins:1"] = listedName });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task Register_ListedAdminName_IsRefusedAndYieldsNoToken()
    {
        using var http = api.CreateClient();

        var registered = await http.PostAsJsonAsync("/api/auth/register", new { username = listedName.ToUpperInvariant(), email = $"{listedName}@example.com", password = TestUsers.Password });
        var login = await http.PostAsJsonAsync("/api/auth/login", new { username = listedName, password = TestUsers.Password });

        await Problems.AssertAsync(registered, HttpStatusCode.Conflict, "username_taken");
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task Login_ExistingAccountListedAfterwards_GetsAdminOnlyWhileListed()
    {
        var name = $"u{Guid.NewGuid():N}"[..16];
        using var before = await api.RegisterUserAsync(name);
        await using var listing = new ApiFactory(cluster, new Dictionary<string, string?> { ["VideoPlatform:Auth:Admins:1"] = name });

        using var listed = await listing.LoginAsync(name);

        Assert.DoesNotContain("admin", Roles(before.AccessToken));
        Assert.Contains("admin", Roles(listed.AccessToken));
        Assert.DoesNotContain("admin", Roles((await api.LoginAsync(name)).AccessToken));
    }

    [Fact]
    public async Task Login_HashWithOlderParameters_IsRehashedWithTheCurrentOnes()
    {
        using var user = await api.RegisterUserAsync();
        var grain = cluster.Client.GetGrain<IUserGrain>(user.Id);
        var profile = (await grain.Get())!;
        var stored = (await grain.GetCredentials())!.PasswordHash;
        var weaker = new PasswordHasher<UserProfile>(Options.Create(new PasswordHasherOptions { IterationCount = 1_000 }));
        Assert.True(await grain.ReplacePasswordHash(stored, weaker.HashPassword(profile, TestUsers.Password)));

        using var again = await api.LoginAsync(user.Username);

        var rehashed = (await grain.GetCredentials())!.PasswordHash;
        Assert.Equal(10_000, PasswordHashingTests.Parameters(rehashed).Iterations);
        Assert.Equal(PasswordVerificationResult.Success, api.Services.GetRequiredService<IPasswordHasher<UserProfile>>()
            .VerifyHashedPassword(profile, rehashed, TestUsers.Password));
    }

    private static IEnumerable<string> Roles(string accessToken) =>
        new JsonWebToken(accessToken).Claims.Where(c => c.Type == "role").Select(c => c.Value);
}
