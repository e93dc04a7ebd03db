using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using VideoPlatform.Grains.Users;

namespace VideoPlatform.Tests.Fixtures;

/// <summary>An account registered and logged in through the Api, with a client that sends its access token.</summary>
public sealed record TestUser(string Id, string Username, string Password, string AccessToken, string RefreshToken, HttpClient Client) : IDisposable
{
    public void Dispose() => Client.Dispose();
}

public static class TestUsers
{
    /// <summary>The username ApiFactory configures as an admin.</summary>
    public const string AdminName = "test-admin";
    public const string Password = "correct-horse-battery-staple";

    public static async Task<TestUser> RegisterUserAsync(this ApiFactory api, string? username = null)
    {
        username ??= $"u{Guid.NewGuid():N}"[..16];
        using var anonymous = api.CreateClient();
        var registered = await anonymous.PostAsJsonAsync("/api/auth/register", new { username, email = $"{username}@example.com", password = Password });
        if (registered.StatusCode != System.Net.HttpStatusCode.Conflict)
        {
            registered.EnsureSuccessStatusCode();
        }

        return await api.LoginAsync(username);
    }

    /// <summary>
    /// The admin account. A listed admin name cannot be registered through the Api, so it is made as an operator
    /// would have made it before listing it: an existing account (created once per cluster; later calls log in).
    /// </summary>
    public static async Task<TestUser> AdminAsync(this ApiFactory api)
    {
        await CreateAccountAsync(api.Services.GetRequiredService<IClusterClient>(), api.Services.GetRequiredService<IPasswordHasher<UserProfile>>(), AdminName);
        return await api.LoginAsync(AdminName);
    }

    /// <summary>An account made straight in the grains with <see cref="Password"/>, past the Api's refusal of listed admin names; nothing when the name is taken.</summary>
    public static async Task CreateAccountAsync(IGrainFactory grains, IPasswordHasher<UserProfile> hasher, string username)
    {
        var id = $"{Guid.NewGuid():N}"[..16];
        if (await grains.GetGrain<IUniqueNameGrain>(UniqueNames.Username(username)).Claim(id) == id)
        {
            var email = $"{username}@example.com";
            await grains.GetGrain<IUniqueNameGrain>(UniqueNames.Email(email)).Claim(id);
            var nobody = new UserProfile { Id = id, Username = username, Email = email };
            await grains.GetGrain<IUserGrain>(id).Register(new NewUser
            {
                Username = username,
                Email = email,
                PasswordHash = hasher.HashPassword(nobody, Password),
                Roles = [UserRole.Viewer, UserRole.Creator],
            });
        }
    }

    public static async Task<TestUser> LoginAsync(this ApiFactory api, string username, string password = Password)
    {
        using var anonymous = api.CreateClient();
        var response = await anonymous.PostAsJsonAsync("/api/auth/login", new { username, password });
        response.EnsureSuccessStatusCode();
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var token = body.GetProperty("accessToken").GetString()!;
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new TestUser(body.GetProperty("user").GetProperty("id").GetString()!, username, password, token,
            body.GetProperty("refreshToken").GetString()!, client);
    }
}
