using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using VideoPlatform.Grains.Platform;
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
/// <c>Clustering:Tls</c> on real sockets, switched on in configuration and wired by the hosts' own
/// <c>UsePlatform</c>: two silos and a client sharing a self-signed certificate made here form a cluster and answer;
/// a client without TLS, or with a certificate of its own, does not get in.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ClusterTlsTests : IAsyncLifetime
{
    private const string PfxPassword = "pfx-password";
    private readonly TempFolder folder = new("vp-tls");
    private readonly List<IHost> hosts = [];
    private readonly string clusterId = "vp-tls-" + Guid.NewGuid().ToString("N")[..8];
    private readonly int primarySiloPort = FreePort();
    private int[] gatewayPorts = [];
    private string clusterCertificate = null!;

    public async Task InitializeAsync()
    {
        clusterCertificate = WriteSelfSigned(Path.Combine(folder.Path, "cluster.pfx"));
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
        var client = await StartClientAsync(Tls(clusterCertificate));

        var silos = await client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);

        Assert.Equal(2, silos.Count);
        Assert.All(silos.Values, status => Assert.Equal(SiloStatus.Active, status));
    }

    [Fact]
    public async Task PlainClient_CannotJoinOrCall()
    {
        var failure = await ConnectAndCallAsync(new Dictionary<string, string?>());

        AssertRefused(failure);
    }

    [Fact]
    public async Task ClientWithAnotherSelfSignedCertificate_IsRefused()
    {
        // Same subject and name, a different key: only the cluster's own certificate is trusted (no CaPath).
        var stranger = Tls(WriteSelfSigned(Path.Combine(folder.Path, "stranger.pfx")));

        var failure = await ConnectAndCallAsync(stranger);

        AssertRefused(failure);
    }

    /// <summary>The connection failed, rather than the attempt running out of time (which a merely slow cluster would do too).</summary>
    private static void AssertRefused(Exception? failure)
    {
        Assert.NotNull(failure);
        Assert.False(failure is OperationCanceledException, $"the client was not refused, it timed out: {failure}");
    }

    /// <summary>The Tls section as a host reads it (VideoPlatform__Clustering__Tls__* in a pod).</summary>
    private static Dictionary<string, string?> Tls(string certificatePath) => new()
    {
        ["VideoPlatform:Clustering:Tls:Enabled"] = "true",
        ["VideoPlatform:Clustering:Tls:CertificatePath"] = certificatePath,
        ["VideoPlatform:Clustering:Tls:Password"] = PfxPassword,
    };

    /// <summary>Starts a client with <paramref name="tls"/> that gives up at the first failed connection and calls the cluster; what went wrong, or null if it got in.</summary>
    private async Task<Exception?> ConnectAndCallAsync(Dictionary<string, string?> tls)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await Record.ExceptionAsync(async () =>
        {
            var client = await StartClientAsync(tls, retry: false, timeout.Token);
            await client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0).GetHosts().WaitAsync(timeout.Token);
        });
    }

    /// <summary>
    /// Options bound from configuration, as the hosts bind them, after the same validation (a certificate that cannot be
    /// loaded would fail here, not look like a refused connection). The ports are set afterwards: they are not under test.
    /// </summary>
    private PlatformOptions Options(int siloPort, int gatewayPort, Dictionary<string, string?> tls)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(tls).AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["VideoPlatform:Clustering:Provider"] = "Localhost",
            ["VideoPlatform:Clustering:ClusterId"] = clusterId,
            ["VideoPlatform:Clustering:ServiceId"] = clusterId,
            ["VideoPlatform:Storage:FileSystem:Root"] = folder.Path, // required of every host, unused here
        }).Build();
        Assert.Empty(PlatformConfiguration.Validate(configuration));
        var options = PlatformConfiguration.Bind(configuration);
        options.Clustering.SiloPort = siloPort;
        options.Clustering.GatewayPort = gatewayPort;
        options.Clustering.PrimarySiloPort = primarySiloPort;
        options.Clustering.GatewayPorts = gatewayPorts;
        return options;
    }

    private async Task StartSiloAsync(int siloPort, int gatewayPort)
    {
        var options = Options(siloPort, gatewayPort, Tls(clusterCertificate));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => silo.UsePlatform(options, SiloPool.General));
        var host = builder.Build();
        hosts.Add(host);
        await host.StartAsync();
    }

    private async Task<IHost> StartClientAsync(Dictionary<string, string?> tls, bool retry = true, CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.UsePlatform(Options(0, 0, tls));
            if (!retry)
            {
                client.UseConnectionRetryFilter((_, _) => Task.FromResult(false));
            }
        });
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

    /// <summary>A new self-signed certificate valid for both TLS roles (no EKU), as a password-protected PKCS#12 file.</summary>
    private static string WriteSelfSigned(string path)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=vp-cluster", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("vp-cluster");
        request.CertificateExtensions.Add(names.Build());
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, PfxPassword));
        return path;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
