using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using VideoPlatform.Hosting.Cluster;
using VideoPlatform.Hosting.Configuration;

namespace VideoPlatform.Tests.Infrastructure.Postgres;

/// <summary>
/// Real silo hosts and a real client on the project's own provider wiring, every provider on AdoNet,
/// in one process. Ids are unique per instance so tests sharing a database never see each other.
/// </summary>
internal sealed class AdoNetTestCluster(string connectionString) : IAsyncDisposable
{
    private readonly List<IHost> silos = [];
    private IHost? clientHost;

    public string ClusterId { get; } = "vp-test-" + Guid.NewGuid().ToString("N")[..10];

    public string ServiceId => ClusterId;

    public IClusterClient Client =>
        clientHost?.Services.GetRequiredService<IClusterClient>() ?? throw new InvalidOperationException("Client not started");

    public async Task StartSilosAsync(int count)
    {
        var started = Enumerable.Range(0, count).Select(_ => StartSiloAsync(Options(FreePort(), FreePort())));
        silos.AddRange(await Task.WhenAll(started));
    }

    public async Task StartClientAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        ConfigureLogging(builder.Logging);
        builder.UseOrleansClient(client => client.UsePlatform(Options(0, 0)));
        clientHost = builder.Build();
        await clientHost.StartAsync();
    }

    /// <summary>Graceful stop of the client and of every silo (they leave the membership table as Dead).</summary>
    public async Task StopAllAsync()
    {
        if (clientHost is not null)
        {
            await clientHost.StopAsync();
            clientHost.Dispose();
            clientHost = null;
        }

        await Task.WhenAll(silos.Select(s => s.StopAsync()));
        foreach (var silo in silos)
        {
            silo.Dispose();
        }

        silos.Clear();
    }

    public async Task<int> CountMembersAsync(int status)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(
            "SELECT count(*)::integer FROM OrleansMembershipTable WHERE DeploymentId = $1 AND Status = $2");
        command.Parameters.AddWithValue(ClusterId);
        command.Parameters.AddWithValue(status);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync() => await StopAllAsync();

    private PlatformOptions Options(int siloPort, int gatewayPort) => new()
    {
        Clustering = new ClusteringSettings
        {
            Provider = ClusteringProvider.AdoNet,
            ClusterId = ClusterId,
            ServiceId = ServiceId,
            SiloPort = siloPort,
            GatewayPort = gatewayPort,
            AdvertisedIp = "127.0.0.1",
        },
        Persistence = new ProviderSwitch<PersistenceProvider> { Provider = PersistenceProvider.AdoNet },
        Reminders = new ProviderSwitch<RemindersProvider> { Provider = RemindersProvider.AdoNet },
        Streams = new StreamsSettings { Provider = StreamsProvider.AdoNet, Queues = 2 },
        Postgres = new PostgresSettings { ConnectionString = connectionString },
    };

    private static async Task<IHost> StartSiloAsync(PlatformOptions options)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        ConfigureLogging(builder.Logging);
        builder.UseOrleans(silo => silo.AddPlatformClustering(options).AddPlatformProviders(options));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static void ConfigureLogging(ILoggingBuilder logging)
    {
        // Silent by default; VP_TEST_ORLEANS_LOGS=1 shows Orleans warnings when a provider test fails.
        if (Environment.GetEnvironmentVariable("VP_TEST_ORLEANS_LOGS") == "1")
        {
            logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
