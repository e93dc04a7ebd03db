using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace VideoPlatform.Hosting.Telemetry;

/// <summary>
/// Adds <c>Telemetry:MetricsPort</c> to the addresses the server binds, beside the host's own (ASPNETCORE_URLS,
/// ASPNETCORE_HTTP_PORTS, or Kestrel's default) and on the same interface. A startup filter, because the host fills
/// in those addresses only when it starts, and Kestrel endpoints set in code would replace them instead of joining them.
/// </summary>
internal sealed class MetricsPortListener(IServer server, PrometheusScrape scrape) : IStartupFilter
{
    // What Kestrel binds when nothing is configured; once one address is added, it would bind that one alone.
    private const string KestrelDefault = "http://localhost:5000";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (scrape.Port is not { } port || addresses is null || addresses.IsReadOnly)
        {
            return next; // a test server: no sockets
        }

        if (addresses.Count == 0)
        {
            addresses.Add(KestrelDefault);
        }

        var bound = addresses.Select(BindingAddress.Parse).ToList();
        if (bound.Any(a => a.Port == port))
        {
            throw new InvalidOperationException($"VideoPlatform:Telemetry:MetricsPort = {port} is also an address of the host ({string.Join(", ", addresses)}); it needs a port of its own");
        }

        addresses.Add($"http://{bound[0].Host}:{port}");
        return next;
    }
}
