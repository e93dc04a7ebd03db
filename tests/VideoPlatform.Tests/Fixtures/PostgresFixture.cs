using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace VideoPlatform.Tests.Fixtures;

/// <summary>
/// A throwaway PostgreSQL cluster in a temp folder, shared by the <see cref="PostgresCollection"/>.
/// Durability is switched off (fsync, full-page writes): the data dies with the test run anyway.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "vp-pg-" + Guid.NewGuid().ToString("N")[..12]);
    private string binDir = "";
    private int databaseCounter;

    public int Port { get; private set; }

    private string DataDir => Path.Combine(root, "data");

    /// <summary>PostgreSQL refuses to run as root, so as root every server binary runs as <c>postgres</c>.</summary>
    private static bool RunAsPostgresUser => Environment.UserName == "root";

    public async Task InitializeAsync()
    {
        binDir = await FindBinDirAsync();
        Directory.CreateDirectory(root);
        if (RunAsPostgresUser)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", root]);
        }

        await RunServerToolAsync("initdb", ["-D", DataDir, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"]);
        // The port is picked before the server binds it, so another process can win the race: retry.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            try
            {
                await RunServerToolAsync("pg_ctl", ["start", "-D", DataDir, "-w", "-t", "30", "-l", Path.Combine(root, "server.log"), "-o",
                    $"-p {Port} -k {root} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"]);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (Directory.Exists(DataDir))
        {
            try
            {
                await RunServerToolAsync("pg_ctl", ["stop", "-D", DataDir, "-m", "immediate"]);
            }
            catch (InvalidOperationException)
            {
                // Not running (start failed): nothing to stop, the folder still goes.
            }
        }

        NpgsqlConnection.ClearAllPools();
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Creates an empty database and returns its connection string, so each test class starts clean.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"vp_test_{Interlocked.Increment(ref databaseCounter)}";
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    private string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        IncludeErrorDetail = true,
    }.ConnectionString;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string> FindBinDirAsync()
    {
        try
        {
            var fromPgConfig = (await RunAsync("pg_config", ["--bindir"])).Trim();
            if (File.Exists(Path.Combine(fromPgConfig, "initdb")))
            {
                return fromPgConfig;
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // pg_config not on PATH: fall back to the Debian layout.
        }

        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => d, StringComparer.Ordinal)
                .FirstOrDefault() ?? throw new InvalidOperationException("PostgreSQL binaries not found (no initdb)")
            : throw new InvalidOperationException("PostgreSQL binaries not found: install postgresql or put pg_config on PATH");
    }

    private Task<string> RunServerToolAsync(string tool, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(binDir, tool);
        return RunAsPostgresUser
            ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments])
            : RunAsync(path, arguments);
    }

    private static async Task<string> RunAsync(string fileName, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stderr}{await stdout}");
        }

        return await stdout;
    }
}

/// <summary>One PostgreSQL cluster for every test class in the collection.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
