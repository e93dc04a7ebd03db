using VideoPlatform.ProcessHosts;

namespace VideoPlatform.Tests.Fixtures;

/// <summary>A throwaway PostgreSQL cluster (<see cref="PostgresServer"/>), shared by the <see cref="PostgresCollection"/>.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? server;

    public int Port => Server.Port;

    private PostgresServer Server => server ?? throw new InvalidOperationException("PostgreSQL has not started");

    public async Task InitializeAsync() => server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>Creates an empty database and returns its connection string, so each test class starts clean.</summary>
    public Task<string> CreateDatabaseAsync() => Server.CreateDatabaseAsync();
}

/// <summary>One PostgreSQL cluster for every test class in the collection.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
