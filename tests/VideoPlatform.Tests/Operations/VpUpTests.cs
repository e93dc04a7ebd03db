using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VideoPlatform.Grains.Users;
using VideoPlatform.Hosting.Cluster;
using VideoPlatform.Hosting.Configuration;
using VideoPlatform.ProcessHosts;
using VideoPlatform.Tests.Fixtures;
using Xunit.Abstractions;

namespace VideoPlatform.Tests.Operations;

/// <summary>
/// <c>./vp up --general 2 --media 2</c> as a person runs it (free loopback ports, its own VP_DATA, the hosts this test
/// run built): four silos in one cluster on their own ports; a silo killed with kill -9 is restarted on its port and
/// rejoins; Ctrl-C to its process group stops everything it started.
/// </summary>
[Collection(ProcessFailureCollection.Name)]
[Trait("Category", "Integration")]
public sealed class VpUpTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Admin = "vpupadmin";
    private readonly TempFolder folder = new("vp-up");
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(15) };
    private VpUpProcess vp = null!;
    private bool adminCreated;
    private string? lastError;
    private bool passed;

    private string Data => Path.Combine(folder.Path, "data");

    public Task InitializeAsync()
    {
        // Ports from the bases of one free block; silo k of a pool takes base + 2k, so the pools interleave.
        var b = FreePorts.Block(15);
        var environment = new Dictionary<string, string>
        {
            ["VP_SILO_HTTP_PORT"] = Text(b), ["VP_MEDIA_HTTP_PORT"] = Text(b + 1),
            ["VP_SILO_PORT"] = Text(b + 4), ["VP_MEDIA_SILO_PORT"] = Text(b + 5),
            ["VP_GATEWAY_PORT"] = Text(b + 8), ["VP_MEDIA_GATEWAY_PORT"] = Text(b + 9),
            ["VP_RTMP_PORT"] = Text(b + 12), ["VP_API_PORT"] = Text(b + 14),
            ["VP_DATA"] = Data,
            ["VP_NO_BUILD"] = "1",
            ["VP_CONFIG"] = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug",
            ["VideoPlatform__Auth__Admins__0"] = Admin,
            ["VideoPlatform__Auth__PasswordIterations"] = "10000",
        };
        http.BaseAddress = new Uri($"http://127.0.0.1:{Text(b + 14)}");
        vp = VpUpProcess.Start(RenderedManifests.RepoRoot, ["--general", "2", "--media", "2"], environment, Path.Combine(folder.Path, "vp-up.log"));
        return Task.CompletedTask;
    }

    /// <summary>A hard bound (a pass takes about 2 min): under the suite's 8 min hang timeout.</summary>
    private const int HardTimeoutMs = 6 * 60 * 1000;

    [Fact(Timeout = HardTimeoutMs)]
    public async Task Up_TwoOfEachPool_KilledSiloIsRestartedOnItsPort_CtrlCStopsEveryHost()
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<Silo> silos = [];
        var formed = await Eventually.WaitAsync(async () => (silos = await ActiveSilosAsync()).Count == 4, TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(1));
        Assert.True(formed, $"four silos were not active within 3 min: {string.Join(", ", silos)}; last error: {lastError}; {vp.Tail()}");
        Assert.Equal(2, silos.Count(s => s.Pool == "general"));
        Assert.Equal(2, silos.Count(s => s.Pool == "media"));
        Assert.Equal(4, silos.Select(s => s.Port).Distinct().Count());
        var up = clock.Elapsed;

        var hosts = VpUpProcess.HostsOf(Data);
        Assert.Equal(5, hosts.Count); // four silos and the Api
        var victim = silos.Where(s => s.Pool == "general").MaxBy(s => s.Port)!;
        var process = hosts.Single(h => h.SiloPort == victim.Port);
        using (var killed = Process.GetProcessById(process.Pid))
        {
            killed.Kill(); // SIGKILL: no shutdown code runs, the silo stays in the membership table as it was
        }

        var killedAt = clock.Elapsed;
        Assert.True(await Eventually.WaitAsync(() => Task.FromResult(VpUpProcess.HostsOf(Data).All(h => h.Pid != process.Pid)), TimeSpan.FromSeconds(10)),
            $"silo process {process.Pid} did not end");
        var rejoined = await Eventually.WaitAsync(async () =>
        {
            silos = await ActiveSilosAsync();
            return silos.Count == 4 && silos.All(s => s.Address != victim.Address) && silos.Any(s => s.Port == victim.Port);
        }, TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1));
        Assert.True(rejoined, $"silo {victim.Address} was not replaced on its port within 2 min: {string.Join(", ", silos)}; {vp.Tail()}");
        var restart = clock.Elapsed - killedAt;
        var restarted = VpUpProcess.HostsOf(Data).Single(h => h.SiloPort == victim.Port);
        Assert.NotEqual(process.Pid, restarted.Pid);

        var stopping = clock.Elapsed;
        var code = await vp.InterruptAsync(TimeSpan.FromSeconds(60));
        var stop = clock.Elapsed - stopping;
        Assert.Equal(0, code);
        var left = VpUpProcess.ProcessesOf(Data);
        Assert.True(left is [], "processes left after Ctrl-C: " + string.Join(", ", left));

        var report = $"vp up: 4 silos active after {up.TotalSeconds:0} s, killed silo replaced after {restart.TotalSeconds:0} s, stopped in {stop.TotalSeconds:0} s";
        output.WriteLine(report);
        Console.WriteLine(report);
        passed = true;
    }

    public async Task DisposeAsync()
    {
        await vp.DisposeAsync();
        http.Dispose();
        if (!passed)
        {
            output.WriteLine(vp.Tail());
            foreach (var log in Directory.Exists(Path.Combine(Data, "logs")) ? Directory.EnumerateFiles(Path.Combine(Data, "logs")) : [])
            {
                output.WriteLine($"{Path.GetFileName(log)}: {string.Join(" | ", File.ReadLines(log).TakeLast(5))}");
            }
        }

        folder.Dispose();
    }

    private sealed record Silo(string Address, string Pool, int Port);

    /// <summary>The active silos as GET /api/admin/cluster lists them; none while the platform is not ready.</summary>
    private async Task<IReadOnlyList<Silo>> ActiveSilosAsync()
    {
        try
        {
            if (http.DefaultRequestHeaders.Authorization is null)
            {
                using var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (!ready.IsSuccessStatusCode)
                {
                    return [];
                }

                await SignInAsync();
            }

            var body = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/admin/cluster", UriKind.Relative))).RootElement;
            return body.GetProperty("silos").EnumerateArray()
                .Where(s => s.GetProperty("status").GetString() == "active")
                .Select(s => new Silo(s.GetProperty("address").GetString()!, s.GetProperty("pool").GetString()!, PortOf(s.GetProperty("address").GetString()!)))
                .ToList();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or OrleansException or TimeoutException)
        {
            lastError = ex.Message;
            return [];
        }
    }

    private async Task SignInAsync()
    {
        if (!adminCreated)
        {
            await CreateAdminAsync();
            adminCreated = true;
        }

        using var login = await http.PostAsJsonAsync("/api/auth/login", new { username = Admin, password = TestUsers.Password });
        login.EnsureSuccessStatusCode();
        var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>
    /// A listed admin name cannot be registered through the Api: the account is made the way the other tests make theirs,
    /// in the grains, through an Orleans client of vp's cluster (its PostgreSQL port is in VP_DATA/postgres.port).
    /// </summary>
    private async Task CreateAdminAsync()
    {
        var port = (await File.ReadAllTextAsync(Path.Combine(Data, "postgres.port"))).Trim();
        var options = new PlatformOptions
        {
            Clustering = new ClusteringSettings { Provider = ClusteringProvider.AdoNet },
            Postgres = new PostgresSettings { ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=videoplatform" },
        };
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client => client.UsePlatform(options));
        using var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(timeout.Token);
        try
        {
            await TestUsers.CreateAccountAsync(host.Services.GetRequiredService<IClusterClient>(), new PasswordHasher<UserProfile>(), Admin);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>"127.0.0.1:11111@123456789" (a silo address with its generation) → 11111.</summary>
    private static int PortOf(string address) =>
        int.Parse(address[(address.LastIndexOf(':') + 1)..address.IndexOf('@', StringComparison.Ordinal)], CultureInfo.InvariantCulture);

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
