using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VideoPlatform.Grains.Catalog;
using VideoPlatform.Tests.Api.Auth;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api.Users;

/// <summary>Following is bounded per account, and the feed of many followed creators costs one catalog query.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SubscriptionsTests(PlatformClusterFixture cluster) : IAsyncLifetime
{
    private readonly CountingCatalog catalog = new();
    private ApiFactory api = null!;
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<VideoPlatform.Api.ApiMarker> counted = null!;

    public Task InitializeAsync()
    {
        api = new ApiFactory(cluster, new Dictionary<string, string?> { ["VideoPlatform:Auth:MaxSubscriptions"] = "2" });
        counted = api.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.RemoveAll<IVideoCatalog>();
            s.AddSingleton<IVideoCatalog>(catalog);
        }));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await counted.DisposeAsync();
        await api.DisposeAsync();
    }

    [Fact]
    public async Task Subscribe_BeyondTheLimit_Returns409WithCode()
    {
        using var follower = await api.RegisterUserAsync();
        var creators = new List<TestUser>();
        for (var i = 0; i < 3; i++)
        {
            creators.Add(await api.RegisterUserAsync());
        }

        var answers = new List<HttpResponseMessage>();
        foreach (var creator in creators)
        {
            answers.Add(await follower.Client.PostAsync($"/api/users/{creator.Id}/subscription", null));
        }

        Assert.Equal(HttpStatusCode.NoContent, answers[0].StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, answers[1].StatusCode);
        await Problems.AssertAsync(answers[2], HttpStatusCode.Conflict, "subscription_limit");
        Assert.Equal(HttpStatusCode.NoContent, (await follower.Client.PostAsync($"/api/users/{creators[0].Id}/subscription", null)).StatusCode);
        creators.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task Feed_SeveralCreatorsFollowed_AsksTheCatalogOnce()
    {
        using var follower = await api.RegisterUserAsync();
        using var first = await api.RegisterUserAsync();
        using var second = await api.RegisterUserAsync();
        await follower.Client.PostAsync($"/api/users/{first.Id}/subscription", null);
        await follower.Client.PostAsync($"/api/users/{second.Id}/subscription", null);
        using var http = counted.CreateClient();
        http.DefaultRequestHeaders.Authorization = follower.Client.DefaultRequestHeaders.Authorization;

        var response = await http.GetAsync("/api/me/feed");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, catalog.Lists);
        Assert.Equal(1, catalog.OwnerLists);
        Assert.Equal(new[] { first.Id, second.Id }.Order(StringComparer.Ordinal), catalog.LastOwners.Order(StringComparer.Ordinal));
    }
}
