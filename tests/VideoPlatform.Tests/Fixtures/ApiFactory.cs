using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using VideoPlatform.Api;

namespace VideoPlatform.Tests.Fixtures;

/// <summary>
/// The real Api host (its own Program and wiring) whose Orleans client connects through the gateways of
/// a <see cref="PlatformClusterFixture"/>, and whose object store is the cluster's folder. Call
/// <c>UseKestrel()</c> + <c>StartServer()</c> for a real socket (tus-js-client, ffprobe).
/// </summary>
public sealed class ApiFactory(PlatformClusterFixture cluster, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<ApiMarker>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        var options = cluster.Cluster.Options;
        builder.UseSetting("VideoPlatform:Clustering:Provider", "Localhost");
        builder.UseSetting("VideoPlatform:Clustering:ClusterId", options.ClusterId);
        builder.UseSetting("VideoPlatform:Clustering:ServiceId", options.ServiceId);
        var ports = cluster.GatewayPorts();
        for (var i = 0; i < ports.Length; i++)
        {
            builder.UseSetting($"VideoPlatform:Clustering:GatewayPorts:{i}", ports[i].ToString(CultureInfo.InvariantCulture));
        }

        builder.UseSetting("VideoPlatform:Streams:Provider", "Memory");
        builder.UseSetting("VideoPlatform:Storage:Provider", "FileSystem");
        builder.UseSetting("VideoPlatform:Storage:FileSystem:Root", cluster.StorageRoot);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }
}
