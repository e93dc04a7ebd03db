using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using VideoPlatform.Api;
using VideoPlatform.Storage;

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

    /// <summary>Request body bytes the Api has read so far, counted when set before the host starts.</summary>
    public BodyByteCounter? BodyBytes { get; init; }

    /// <summary>The object store the Api uses in place of the cluster's folder, when set.</summary>
    public IObjectStore? Store { get; init; }

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
        // Every test account costs two hashes; the production figure is asserted on its own (PasswordHashingTests).
        builder.UseSetting("VideoPlatform:Auth:PasswordIterations", "10000");
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
            services.AddSingleton<IStartupFilter, PeerAddress>();

            if (Store is not null)
            {
                services.RemoveAll<IObjectStore>();
                services.AddSingleton(Store);
            }

            if (BodyBytes is not null)
            {
                services.AddSingleton<IStartupFilter>(BodyBytes);
            }
        });
    }

    /// <summary>
    /// Hands out the host only once its cluster check passes (a general-pool grain answers), so the first request
    /// of a test never races the client learning the cluster's grain types. Other checks may fail on purpose.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        WaitUntilReadyAsync(host.Services).GetAwaiter().GetResult();
        return host;
    }

    private static async Task WaitUntilReadyAsync(IServiceProvider services)
    {
        var health = services.GetRequiredService<HealthCheckService>();
        var deadline = TimeProvider.System.GetTimestamp() + (TimeProvider.System.TimestampFrequency * 60);
        while (true)
        {
            var report = await health.CheckHealthAsync(c => c.Name == "cluster");
            if (report.Status == HealthStatus.Healthy)
            {
                return;
            }

            if (TimeProvider.System.GetTimestamp() > deadline)
            {
                var failing = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"{e.Key}: {e.Value.Description}");
                throw new InvalidOperationException("The Api never became ready: " + string.Join("; ", failing));
            }

            await Task.Delay(100);
        }
    }

    private static bool IsOrleans(ServiceDescriptor descriptor)
    {
        var type = descriptor.ImplementationType
            ?? descriptor.ImplementationInstance?.GetType()
            ?? descriptor.ImplementationFactory?.Method.DeclaringType;
        return type?.Assembly.GetName().Name?.StartsWith("Orleans", StringComparison.Ordinal) == true;
    }
}
