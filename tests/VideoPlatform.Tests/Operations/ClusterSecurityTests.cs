using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using VideoPlatform.Hosting.Cluster;
using VideoPlatform.Hosting.Configuration;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Operations;

/// <summary>Silo and gateway ports listen on the advertised address only.</summary>
[Trait("Category", "Unit")]
public sealed class EndpointBindingTests
{
    [Fact]
    public void AdvertisedAddress_IsTheOnlyListeningAddress()
    {
        var options = new PlatformOptions
        {
            Clustering = new ClusteringSettings { Provider = ClusteringProvider.AdoNet, AdvertisedIp = "10.1.2.3", SiloPort = 11111, GatewayPort = 30000 },
            Postgres = new PostgresSettings { ConnectionString = "Host=127.0.0.1;Database=unused" },
        };
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => silo.AddPlatformClustering(options));
        using var host = builder.Build(); // never started: only the options are read

        var endpoints = host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;

        var advertised = IPAddress.Parse("10.1.2.3");
        Assert.Equal(advertised, endpoints.AdvertisedIPAddress);
        Assert.Equal(new IPEndPoint(advertised, 11111), endpoints.SiloListeningEndpoint);
        Assert.Equal(new IPEndPoint(advertised, 30000), endpoints.GatewayListeningEndpoint);
    }
}

/// <summary>
/// <c>Clustering:Tls</c> on real sockets: two silos and a client sharing a self-signed certificate made here form a
/// cluster and answer; a client without TLS does not get in.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ClusterTlsTests : IAsyncLifetime
{
    private readonly TempFolder folder = new("vp-tls");
    private readonly List<IHost> hosts = [];
    private readonly string clusterId = "vp-tls-" + Guid.NewGuid().ToString("N")[..8];
    private readonly int primarySiloPort = FreePort();
    private int[] gatewayPorts = [];
    private ClusterTlsSettings tls = null!;

    public async Task InitializeAsync()
    {
        tls = new ClusterTlsSettings { Enabled = true, CertificatePath = WriteSelfSigned(Path.Combine(folder.Path, "cluster.pfx"), "pfx-password"), Password = "pfx-password" };
        gatewayPorts = [FreePort(), FreePort()];
        await StartSiloAsync(primarySiloPort, gatewayPorts[0]);
        await StartSiloAsync(FreePort(), gatewayPorts[1]);
    }

    public async Task DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(hosts))
        {
            await host.StopAsync(TimeSpan.FromSeconds(10));
            host.Dispose();
        }

        folder.Dispose();
    }

    [Fact]
    public async Task TlsClient_ReachesBothSilosOverTls()
    {
        var client = await StartClientAsync(tls);

        var silos = await client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);

        Assert.Equal(2, silos.Count);
        Assert.All(silos.Values, status => Assert.Equal(SiloStatus.Active, status));
    }

    [Fact]
    public async Task PlainClient_CannotJoinOrCall()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var failure = await Record.ExceptionAsync(async () =>
        {
            var client = await StartClientAsync(new ClusterTlsSettings { Enabled = false }, timeout.Token);
            await client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0).GetHosts().WaitAsync(timeout.Token);
        });

        Assert.NotNull(failure);
    }

    private PlatformOptions Options(int siloPort, int gatewayPort, ClusterTlsSettings clusterTls) => new()
    {
        Clustering = new ClusteringSettings
        {
            Provider = ClusteringProvider.Localhost,
            ClusterId = clusterId,
            ServiceId = clusterId,
            SiloPort = siloPort,
            GatewayPort = gatewayPort,
            PrimarySiloPort = primarySiloPort,
            GatewayPorts = gatewayPorts,
            Tls = clusterTls,
        },
    };

    private async Task StartSiloAsync(int siloPort, int gatewayPort)
    {
        var options = Options(siloPort, gatewayPort, tls);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => silo.AddPlatformClustering(options).UsePlatformTls(options.Clustering.Tls));
        var host = builder.Build();
        hosts.Add(host);
        await host.StartAsync();
    }

    private async Task<IHost> StartClientAsync(ClusterTlsSettings clientTls, CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client => client.UsePlatform(Options(0, 0, clientTls)));
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        hosts.Add(host);
        return host;
    }

    /// <summary>A self-signed certificate valid for both TLS roles (no EKU), as a password-protected PKCS#12 file.</summary>
    private static string WriteSelfSigned(string path, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=vp-cluster", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("vp-cluster");
        request.CertificateExtensions.Add(names.Build());
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
