using System.Globalization;

namespace VideoPlatform.ProcessHosts;

/// <summary>What to run: the repository's built hosts, their shared settings, and how many silos of each pool.</summary>
public sealed record PlatformLayout
{
    public required string RepoRoot { get; init; }

    /// <summary>Build configuration whose binaries run (Release or Debug).</summary>
    public required string Configuration { get; init; }

    public required string PostgresConnectionString { get; init; }

    /// <summary>FileSystem object store root, shared by every host.</summary>
    public required string StoreRoot { get; init; }

    public required string LogFolder { get; init; }

    public int GeneralSilos { get; init; } = 2;

    public int MediaSilos { get; init; } = 2;

    /// <summary>Extra settings for every host, as configuration keys ("VideoPlatform:Transcode:Lease").</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// The platform as ./vp up runs it, minus PostgreSQL (the caller's): general silos, media silos and the Api as
/// separate processes on free loopback ports, with ADO.NET clustering, grain storage, reminders and streams.
/// </summary>
public sealed class ProcessPlatform : IAsyncDisposable
{
    private ProcessPlatform(IReadOnlyList<HostProcess> general, IReadOnlyList<HostProcess> media, HostProcess api)
    {
        General = general;
        Media = media;
        Api = api;
    }

    public IReadOnlyList<HostProcess> General { get; }

    public IReadOnlyList<HostProcess> Media { get; }

    public HostProcess Api { get; }

    /// <summary>Orleans silo port of each silo host, by name: how the membership table knows it.</summary>
    public IReadOnlyDictionary<string, int> SiloPorts { get; private init; } = new Dictionary<string, int>();

    public static async Task<ProcessPlatform> StartAsync(PlatformLayout layout, TimeSpan readyTimeout)
    {
        Directory.CreateDirectory(layout.LogFolder);
        var shared = SharedEnvironment(layout);
        var siloPorts = new Dictionary<string, int>(StringComparer.Ordinal);
        HostProcess Silo(string project, string name, bool media)
        {
            var ports = FreePorts.Take(4);
            var environment = new Dictionary<string, string>(shared)
            {
                ["VideoPlatform__Clustering__SiloPort"] = Text(ports[0]),
                ["VideoPlatform__Clustering__GatewayPort"] = Text(ports[1]),
            };
            if (media)
            {
                environment["VideoPlatform__Live__RtmpPort"] = Text(ports[3]);
                environment["VideoPlatform__Transcode__Worker__WorkRoot"] = Directory.CreateDirectory(Path.Combine(layout.LogFolder, name + "-work")).FullName;
            }

            siloPorts[name] = ports[0];
            return new HostProcess(name, Dll(layout, project), ports[2], environment, layout.LogFolder);
        }

        var general = Enumerable.Range(1, layout.GeneralSilos).Select(i => Silo("Silo", $"silo-{i}", media: false)).ToList();
        var media = Enumerable.Range(1, layout.MediaSilos).Select(i => Silo("TranscodeSilo", $"media-{i}", media: true)).ToList();
        var api = new HostProcess("api", Dll(layout, "Api"), FreePorts.One(), shared, layout.LogFolder);
        var platform = new ProcessPlatform(general, media, api) { SiloPorts = siloPorts };
        try
        {
            // The first silo creates the schema (migrations under an advisory lock); the others join its cluster.
            general[0].Start();
            await general[0].WaitReadyAsync(readyTimeout);
            foreach (var host in general.Skip(1).Concat(media).Append(api))
            {
                host.Start();
            }

            await Task.WhenAll(general.Skip(1).Concat(media).Append(api).Select(h => h.WaitReadyAsync(readyTimeout)));
            return platform;
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The Api first (it would only log the silos leaving), then every silo at once.
        await Api.DisposeAsync();
        await Task.WhenAll(General.Concat(Media).Select(h => h.DisposeAsync().AsTask()));
    }

    private static Dictionary<string, string> SharedEnvironment(PlatformLayout layout)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["VideoPlatform__Clustering__Provider"] = "AdoNet",
            ["VideoPlatform__Clustering__AdvertisedIp"] = "127.0.0.1",
            ["VideoPlatform__Persistence__Provider"] = "AdoNet",
            ["VideoPlatform__Reminders__Provider"] = "AdoNet",
            ["VideoPlatform__Streams__Provider"] = "AdoNet",
            ["VideoPlatform__Postgres__ConnectionString"] = layout.PostgresConnectionString,
            ["VideoPlatform__Storage__Provider"] = "FileSystem",
            ["VideoPlatform__Storage__FileSystem__Root"] = layout.StoreRoot,
            ["VideoPlatform__Clustering__ClusterId"] = "vp-" + Guid.NewGuid().ToString("N")[..8],
            // The hosts refuse to start without a signing key; a random one per platform, as a secret would give.
            ["VideoPlatform__Auth__SigningKey"] = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        };
        foreach (var (key, value) in layout.Settings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return environment;
    }

    private static string Dll(PlatformLayout layout, string project)
    {
        var dll = Path.Combine(layout.RepoRoot, "src", project, "bin", layout.Configuration, "net10.0", $"VideoPlatform.{project}.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is missing: build the solution ({layout.Configuration}) first", dll);
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
