using System.Diagnostics;
using Npgsql;
using Orleans.Storage;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Infrastructure.Postgres;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Infrastructure.Postgres;

[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class OrleansAdoNetProviderTests(PostgresFixture postgres)
{
    [Fact]
    public async Task AdoNetStream_EventsFromClient_AllReachImplicitSubscriber()
    {
        const int count = 40;
        var connectionString = await MigratedDatabaseAsync();
        await using var cluster = new AdoNetTestCluster(connectionString);
        await cluster.StartSilosAsync(2);
        await cluster.StartClientAsync();
        var key = Guid.NewGuid();
        var stream = cluster.Client.GetStreamProvider(StreamNames.Provider)
            .GetStream<int>(StreamId.Create(StreamProbeGrain.Namespace, key));

        for (var i = 0; i < count; i++)
        {
            await stream.OnNextAsync(i);
        }

        var consumer = cluster.Client.GetGrain<IStreamProbeGrain>(key);
        IReadOnlyList<int> received = [];
        var clock = Stopwatch.StartNew();
        while (received.Distinct().Count() < count && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(200);
            received = await consumer.GetReceivedAsync();
        }

        // At-least-once: duplicates are allowed, gaps are not.
        Assert.Equal(Enumerable.Range(0, count), received.Distinct().Order());
        // Delivered messages are confirmed, i.e. deleted from the queue table.
        Assert.Equal(0, await WaitForQueuedMessagesAsync(connectionString, cluster.ServiceId, 0));
    }

    [Fact]
    public async Task GrainStorage_RowChangedBehindTheGrain_WriteThrowsInconsistentState()
    {
        var connectionString = await MigratedDatabaseAsync();
        await using var cluster = new AdoNetTestCluster(connectionString);
        await cluster.StartSilosAsync(1);
        await cluster.StartClientAsync();
        var grain = cluster.Client.GetGrain<IDurableProbeGrain>("stale-etag");
        await grain.SetAsync("first");

        // Another writer (a second activation, another cluster) moves the version on: the grain's ETag is stale.
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        await using (var bump = dataSource.CreateCommand("UPDATE OrleansStorage SET version = version + 1 WHERE serviceid = $1"))
        {
            bump.Parameters.AddWithValue(cluster.ServiceId);
            Assert.Equal(1, await bump.ExecuteNonQueryAsync());
        }

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.SetAsync("second"));
    }

    private async Task<string> MigratedDatabaseAsync()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new PostgresMigrator(dataSource).MigrateAsync();
        return connectionString;
    }

    private static async Task<long> WaitForQueuedMessagesAsync(string connectionString, string serviceId, long expected)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM OrleansStreamMessage WHERE ServiceId = $1");
        command.Parameters.AddWithValue(serviceId);
        var clock = Stopwatch.StartNew();
        long queued;
        do
        {
            queued = (long)(await command.ExecuteScalarAsync())!;
        }
        while (queued != expected && clock.Elapsed < TimeSpan.FromSeconds(10) && await DelayAsync());

        return queued;
    }

    private static async Task<bool> DelayAsync()
    {
        await Task.Delay(200);
        return true;
    }
}
