using Npgsql;
using VideoPlatform.Infrastructure.Postgres;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Infrastructure.Postgres;

[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class OrleansAdoNetRestartTests(PostgresFixture postgres)
{
    private const int Active = 3;
    private const int Dead = 6;

    [Fact]
    public async Task FullClusterRestart_StateRemindersAndMembership_Survive()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await new PostgresMigrator(dataSource).MigrateAsync();
        }

        await using var cluster = new AdoNetTestCluster(connectionString);
        await cluster.StartSilosAsync(2);
        await cluster.StartClientAsync();
        Assert.Equal(2, await cluster.CountMembersAsync(Active));
        var grain = cluster.Client.GetGrain<IDurableProbeGrain>("restart");
        await grain.SetAsync("written before the restart");
        await grain.RegisterReminderAsync();

        await cluster.StopAllAsync();
        Assert.Equal(0, await cluster.CountMembersAsync(Active));
        await cluster.StartSilosAsync(2);
        await cluster.StartClientAsync();

        grain = cluster.Client.GetGrain<IDurableProbeGrain>("restart");
        Assert.Equal("written before the restart", await grain.GetAsync());
        Assert.True(await grain.HasReminderAsync());
        Assert.Equal(2, await cluster.CountMembersAsync(Active));
        Assert.Equal(2, await cluster.CountMembersAsync(Dead));
    }
}
