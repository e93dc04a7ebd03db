using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;
using VideoPlatform.Api.Auth;
using VideoPlatform.Grains.Users;
using VideoPlatform.Infrastructure.Postgres;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Infrastructure.Postgres;

/// <summary>What the account grains write to PostgreSQL: hashes, never the password or the refresh token itself.</summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class CredentialStorageTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Register_LoginTokens_StoreNoClearPasswordOrRefreshToken()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new PostgresMigrator(dataSource).MigrateAsync();
        await using var cluster = new AdoNetTestCluster(connectionString);
        await cluster.StartSilosAsync(1);
        await cluster.StartClientAsync();
        const string password = "a-very-secret-password-1234";
        var username = $"pg{Guid.NewGuid():N}"[..14];
        var settings = Options.Create(new AuthSettings { SigningKey = new string('k', AuthSettings.MinKeyBytes) });
        var issuer = new TokenIssuer(new SigningKeys(settings), settings, cluster.Client, TimeProvider.System);
        var hasher = new PasswordHasher<UserProfile>();

        var profile = await cluster.Client.GetGrain<IUserGrain>(username).Register(new NewUser
        {
            Username = username,
            Email = $"{username}@example.com",
            PasswordHash = hasher.HashPassword(new UserProfile { Id = username, Username = username, Email = "" }, password),
            Roles = [UserRole.Viewer],
        });
        var first = await issuer.IssueAsync(profile);
        var second = await issuer.RotateAsync(first.RefreshToken);
        var payloads = await PayloadsAsync(dataSource, cluster.ServiceId);

        Assert.NotNull(second);
        Assert.Contains(payloads, p => p.Contains(username, StringComparison.Ordinal));
        Assert.Contains(payloads, p => p.Contains(first.User.Id, StringComparison.Ordinal) && p.Contains("UsedHashes", StringComparison.OrdinalIgnoreCase));
        foreach (var secret in new[] { password, first.RefreshToken, second.RefreshToken, Secret(first.RefreshToken), Secret(second.RefreshToken) })
        {
            Assert.DoesNotContain(payloads, p => p.Contains(secret, StringComparison.Ordinal));
        }
    }

    private static string Secret(string refreshToken) => refreshToken[(refreshToken.IndexOf('.', StringComparison.Ordinal) + 1)..];

    private static async Task<List<string>> PayloadsAsync(NpgsqlDataSource dataSource, string serviceId)
    {
        await using var command = dataSource.CreateCommand("SELECT payloadbinary FROM OrleansStorage WHERE serviceid = $1");
        command.Parameters.AddWithValue(serviceId);
        await using var reader = await command.ExecuteReaderAsync();
        var payloads = new List<string>();
        while (await reader.ReadAsync())
        {
            payloads.Add(reader.IsDBNull(0) ? "" : Encoding.UTF8.GetString((byte[])reader[0]));
        }

        return payloads;
    }
}
