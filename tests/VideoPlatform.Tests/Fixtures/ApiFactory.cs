using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using VideoPlatform.Api;

namespace VideoPlatform.Tests.Fixtures;

/// <summary>
/// The real Api host (its own Program, endpoints and wiring) talking to a <see cref="PlatformClusterFixture"/>.
/// The in-process cluster only speaks its in-memory transport, so the Api's own Orleans client is swapped for
/// the cluster's client; everything else is as in production. The object store is the cluster's folder.
/// Call <see cref="StartKestrel"/> for a real socket (tus-js-client, ffprobe).
/// </summary>
public sealed class ApiFactory(PlatformClusterFixture cluster, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<ApiMarker>
{
    private bool kestrel;

    /// <summary>
    /// Serves on a real loopback socket (for ffprobe, Node clients, raw sockets) and returns its base address.
    /// The port comes from the server URLs setting rather than UseKestrel(port), whose late address rewrite races
    /// with the server start.
    /// </summary>
    public Uri StartKestrel()
    {
        kestrel = true;
        UseKestrel();
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        if (kestrel)
        {
            builder.UseUrls("http://127.0.0.1:0");
        }

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
        // Tests register many accounts from one address; the limits themselves are tested with their own factory.
        builder.UseSetting("VideoPlatform:Auth:AuthPermitsPerMinute", "100000");
        builder.UseSetting("VideoPlatform:Auth:UploadPermitsPerMinute", "100000");
        builder.UseSetting("VideoPlatform:Auth:Admins:0", TestUsers.AdminName);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            var orleansHosted = services.Where(d => d.ServiceType == typeof(IHostedService) && IsOrleans(d)).ToList();
            foreach (var descriptor in orleansHosted)
            {
                services.Remove(descriptor);
            }

            services.RemoveAll<IClusterClient>();
            services.RemoveAll<IGrainFactory>();
            services.AddSingleton(cluster.Client);
            services.AddSingleton<IGrainFactory>(cluster.Client);
        });
    }

    private static bool IsOrleans(ServiceDescriptor descriptor)
    {
        var type = descriptor.ImplementationType
            ?? descriptor.ImplementationInstance?.GetType()
            ?? descriptor.ImplementationFactory?.Method.DeclaringType;
        return type?.Assembly.GetName().Name?.StartsWith("Orleans", StringComparison.Ordinal) == true;
    }
}
