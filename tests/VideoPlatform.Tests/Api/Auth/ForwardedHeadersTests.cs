using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using VideoPlatform.Api.Auth;

namespace VideoPlatform.Tests.Api.Auth;

/// <summary>The client address per-IP limits see: X-Forwarded-For only from a configured proxy.</summary>
[Trait("Category", "Unit")]
public sealed class ForwardedHeadersTests
{
    private const string Proxy = "10.0.0.5";
    private const string Client = "203.0.113.9";

    [Fact]
    public async Task ClientAddress_NoProxiesConfigured_IgnoresForwardedFor()
    {
        Assert.Equal(Proxy, await ClientAddressAsync(new Dictionary<string, string?>(), peer: Proxy));
    }

    [Fact]
    public async Task ClientAddress_FromAKnownProxy_IsTheForwardedClient()
    {
        var settings = new Dictionary<string, string?> { [$"{ForwardedHeadersSettings.Section}:KnownProxies:0"] = Proxy };

        Assert.Equal(Client, await ClientAddressAsync(settings, peer: Proxy));
    }

    [Fact]
    public async Task ClientAddress_FromAKnownNetwork_IsTheForwardedClient()
    {
        var settings = new Dictionary<string, string?> { [$"{ForwardedHeadersSettings.Section}:KnownNetworks:0"] = "10.0.0.0/8" };

        Assert.Equal(Client, await ClientAddressAsync(settings, peer: Proxy));
    }

    [Fact]
    public async Task ClientAddress_FromAnUnknownPeer_IgnoresForwardedFor()
    {
        var settings = new Dictionary<string, string?> { [$"{ForwardedHeadersSettings.Section}:KnownProxies:0"] = Proxy };

        Assert.Equal("10.0.0.6", await ClientAddressAsync(settings, peer: "10.0.0.6"));
    }

    [Fact]
    public async Task ClientAddress_LoopbackPeerWithoutConfiguration_IgnoresForwardedFor()
    {
        Assert.Equal("127.0.0.1", await ClientAddressAsync(new Dictionary<string, string?>(), peer: "127.0.0.1"));
    }

    [Fact]
    public void Setup_InvalidProxy_FailsNamingTheKey()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"{ForwardedHeadersSettings.Section}:KnownNetworks:0"] = "ten/8" })
            .Build();

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddPlatformForwardedHeaders(configuration));
        Assert.Contains("KnownNetworks", error.Message, StringComparison.Ordinal);
    }

    private static async Task<string?> ClientAddressAsync(Dictionary<string, string?> settings, string peer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddPlatformForwardedHeaders(builder.Configuration);
        await using var app = builder.Build();
        app.Use((context, next) =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
            return next(context);
        });
        app.UsePlatformForwardedHeaders();
        app.MapGet("/", (HttpContext context) => context.Connection.RemoteIpAddress?.ToString());
        await app.StartAsync();
        using var http = app.GetTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("X-Forwarded-For", Client);
        var response = await http.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }
}
