using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;

namespace VideoPlatform.Tests.Fixtures;

/// <summary>
/// Accounts by a test's own short name ("liveowner1"), registered once per test process through the Api with a
/// unique username, so tests can speak of owners by name while the Api sees real authenticated users.
/// </summary>
public static class NamedUsers
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<(string Id, string Token)>>> Users = new();

    public static Task<(string Id, string Token)> GetAsync(HttpClient http, string name) =>
        Users.GetOrAdd(name, n => new Lazy<Task<(string, string)>>(() => RegisterAsync(http, n))).Value;

    public static async Task<HttpRequestMessage> AuthorizeAsync(this HttpRequestMessage request, HttpClient http, string name)
    {
        var (_, token) = await GetAsync(http, name);
        request.Headers.Authorization = new("Bearer", token);
        return request;
    }

    private static async Task<(string Id, string Token)> RegisterAsync(HttpClient http, string name)
    {
        var username = $"{name}{Guid.NewGuid():N}"[..Math.Min(name.Length + 8, 30)];
        var registered = await http.PostAsJsonAsync("/api/auth/register", new { username, email = $"{username}@example.com", password = TestUsers.Password });
        Assert.True(registered.IsSuccessStatusCode, $"register {username}: {(int)registered.StatusCode} {await registered.Content.ReadAsStringAsync()}");
        var login = await http.PostAsJsonAsync("/api/auth/login", new { username, password = TestUsers.Password });
        login.EnsureSuccessStatusCode();
        var body = JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement;
        return (body.GetProperty("user").GetProperty("id").GetString()!, body.GetProperty("accessToken").GetString()!);
    }
}
