using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace VideoPlatform.Api.Auth;

/// <summary>Bound from <c>VideoPlatform:Api:ForwardedHeaders</c>: the proxies (an ingress) whose X-Forwarded-For is believed.</summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "VideoPlatform:Api:ForwardedHeaders";

    /// <summary>Addresses, e.g. <c>10.0.0.7</c>.</summary>
    public string[] KnownProxies { get; set; } = [];
    /// <summary>CIDR ranges, e.g. <c>10.0.0.0/8</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];
}

/// <summary>
/// The client address that per-IP limits use. Behind configured proxies it comes from X-Forwarded-For (walking back
/// over every known proxy); with none configured, forwarded headers are ignored, since any client could write them.
/// </summary>
public static class ForwardedHeadersSetup
{
    public static IServiceCollection AddPlatformForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(ForwardedHeadersSettings.Section).Get<ForwardedHeadersSettings>() ?? new ForwardedHeadersSettings();
        var proxies = settings.KnownProxies.Select(p => IPAddress.TryParse(p, out var a) ? a : throw Invalid("KnownProxies", p)).ToList();
        var networks = settings.KnownNetworks.Select(n => System.Net.IPNetwork.TryParse(n, out var net) ? net : throw Invalid("KnownNetworks", n)).ToList();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = null;
            // The defaults trust loopback; only what is configured is trusted.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            proxies.ForEach(o.KnownProxies.Add);
            networks.ForEach(o.KnownIPNetworks.Add);
        });
        services.AddSingleton(new TrustedProxies(proxies.Count + networks.Count > 0));
        return services;
    }

    public static IApplicationBuilder UsePlatformForwardedHeaders(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<TrustedProxies>().Any ? app.UseForwardedHeaders() : app;

    private static InvalidOperationException Invalid(string key, string value) =>
        new($"{ForwardedHeadersSettings.Section}:{key} = '{value}' is not valid; expected an IP address (KnownProxies) or a CIDR range (KnownNetworks)");

    private sealed record TrustedProxies(bool Any);
}
