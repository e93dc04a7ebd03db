using Npgsql;

namespace VideoPlatform.ProcessHosts;

/// <summary>
/// A throwaway PostgreSQL cluster in a temp folder on a free port. Durability is switched off (fsync, full-page
/// writes): the data dies with the run anyway. It can be restarted on the same port, as an outage would.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "vp-pg-" + Guid.NewGuid().ToString("N")[..12]);
    private string binDir = "";
    private int databaseCounter;

    public int Port { get; private set; }

    private string DataDir => Path.Combine(root, "data");

    /// <summary>PostgreSQL refuses to run as root, so as root every server binary runs as <c>postgres</c>.</summary>
    private static bool RunAsPostgresUser => Environment.UserName == "root";

    public static async Task<PostgresServer> StartAsync()
    {
        var server = new PostgresServer();
        try
        {
            await server.InitializeAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task InitializeAsync()
    {
        binDir = await FindBinDirAsync();
        Directory.CreateDirectory(root);
        if (RunAsPostgresUser)
        {
            await Tool.RunAsync("chown", ["-R", "postgres:postgres", root]);
        }

        await RunServerToolAsync("initdb", ["-D", DataDir, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"]);
        // The port is picked before the server binds it, so another process can win the race: retry.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePorts.One();
            try
            {
                await StartServerAsync();
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>Stops the server (fast shutdown: sessions are cut) and starts it again on the same port.</summary>
    public async Task RestartAsync(TimeSpan downtime)
    {
        await RunServerToolAsync("pg_ctl", ["stop", "-D", DataDir, "-m", "fast", "-w"]);
        await Task.Delay(downtime);
        await StartServerAsync();
    }

    public async ValueTask DisposeAsync()
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

    /// <summary>Creates an empty database and returns its connection string.</summary>
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

    private Task StartServerAsync() => RunServerToolAsync("pg_ctl", ["start", "-D", DataDir, "-w", "-t", "30", "-l", Path.Combine(root, "server.log"), "-o",
        $"-p {Port} -k {root} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"]);

    private static async Task<string> FindBinDirAsync()
    {
        try
        {
            var fromPgConfig = (await Tool.RunAsync("pg_config", ["--bindir"])).Trim();
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
            ? Tool.RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments])
            : Tool.RunAsync(path, arguments);
    }
}
