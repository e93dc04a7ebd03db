using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api.Auth;

/// <summary>Every endpoint of the Api × {anonymous, another user, the owner, an admin} → the expected status.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class AuthorizationMatrixTests(PlatformClusterFixture cluster) : IAsyncLifetime
{
    private readonly ApiFactory api = new(cluster);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public void EveryEndpoint_HasARule()
    {
        using var client = api.CreateClient();
        var endpoints = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {Normalize(e.RoutePattern.RawText)}"))
            .Distinct()
            .ToList();
        var rules = AuthorizationRules.All.Select(r => r.Key).ToHashSet();

        Assert.NotEmpty(endpoints);
        Assert.Equal([], endpoints.Where(e => !rules.Contains(e)).Order(StringComparer.Ordinal));
        Assert.Equal([], rules.Where(r => !endpoints.Contains(r)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EveryEndpoint_EveryCaller_GetsTheExpectedStatus()
    {
        using var owner = await api.RegisterUserAsync();
        using var other = await api.RegisterUserAsync();
        using var admin = await api.AdminAsync();
        using var anonymous = api.CreateClient();
        var context = new MatrixContext(owner);
        var failures = new List<string>();
        foreach (var rule in AuthorizationRules.All)
        {
            foreach (var (caller, client, expected) in new[]
                { ("anonymous", anonymous, rule.Anonymous), ("other", other.Client, rule.Other), ("owner", owner.Client, rule.Owner), ("admin", admin.Client, rule.Admin) })
            {
                using var request = await rule.Build(context);
                using var response = await client.SendAsync(request);
                if ((int)response.StatusCode != expected)
                {
                    failures.Add($"{rule.Key} as {caller}: {(int)response.StatusCode}, expected {expected}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static string Normalize(string? pattern) => pattern is null ? "" : "/" + pattern.Trim('/');
}
