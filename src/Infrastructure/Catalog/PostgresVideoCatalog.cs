using System.Globalization;
using Npgsql;
using VideoPlatform.Grains.Catalog;
using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Infrastructure.Catalog;

/// <summary>The catalog in the <c>vp_videos</c> table; newer versions win, so replays are harmless.</summary>
public sealed class PostgresVideoCatalog(NpgsqlDataSource dataSource) : IVideoCatalog
{
    public async Task UpsertAsync(VideoCatalogEntry entry, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO vp_videos (id, owner_id, status, visibility, title, created_at, version)
            VALUES (@id, @owner, @status, @visibility, @title, @created, @version)
            ON CONFLICT (id) DO UPDATE SET owner_id = excluded.owner_id, status = excluded.status,
                visibility = excluded.visibility, title = excluded.title, version = excluded.version
            WHERE vp_videos.version <= excluded.version
            """);
        command.Parameters.AddWithValue("id", entry.Id);
        command.Parameters.AddWithValue("owner", (object?)entry.OwnerId ?? DBNull.Value);
        command.Parameters.AddWithValue("status", entry.Status.ToString());
        command.Parameters.AddWithValue("visibility", entry.Visibility.ToString());
        command.Parameters.AddWithValue("title", entry.Title);
        command.Parameters.AddWithValue("created", entry.CreatedAt.ToUniversalTime());
        command.Parameters.AddWithValue("version", entry.Version);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<CatalogPage> ListAsync(CatalogQuery query, CancellationToken cancellationToken = default)
    {
        var limit = Math.Clamp(query.Limit, 1, 100);
        await using var command = dataSource.CreateCommand();
        var where = Filter(command, query);
        if (query.OwnerId is not null)
        {
            where.Add("owner_id = @owner");
            command.Parameters.AddWithValue("owner", query.OwnerId);
        }

        if (CatalogCursor.TryDecode(query.Cursor, out var afterTime, out var afterId))
        {
            where.Add("(created_at, id) < (@afterTime, @afterId)");
            command.Parameters.AddWithValue("afterTime", afterTime);
            command.Parameters.AddWithValue("afterId", afterId);
        }

        var items = await ReadAsync(command, where, limit + 1, cancellationToken);
        var next = items.Count > limit ? CatalogCursor.Encode(items[limit - 1]) : null;
        return new CatalogPage(items.Take(limit).ToList(), next);
    }

    public async Task<IReadOnlyList<VideoCatalogEntry>> ListByOwnersAsync(
        IReadOnlyCollection<string> ownerIds, CatalogQuery filter, int limit, CancellationToken cancellationToken = default)
    {
        if (ownerIds.Count == 0)
        {
            return [];
        }

        await using var command = dataSource.CreateCommand();
        var where = Filter(command, filter);
        where.Add("owner_id = ANY(@owners)");
        command.Parameters.AddWithValue("owners", ownerIds.ToArray());
        return await ReadAsync(command, where, Math.Clamp(limit, 1, IVideoCatalog.MaxOwnersListLimit), cancellationToken);
    }

    /// <summary>The status, visibility and deletion conditions of <paramref name="query"/>, with their parameters.</summary>
    private static List<string> Filter(NpgsqlCommand command, CatalogQuery query)
    {
        var where = new List<string>();
        if (!query.IncludeDeleted)
        {
            where.Add("status <> 'Deleted'");
        }

        if (query.Status is { } status)
        {
            where.Add("status = @status");
            command.Parameters.AddWithValue("status", status.ToString());
        }

        if (query.Visibilities is { } visibilities)
        {
            where.Add("visibility = ANY(@visibilities)");
            command.Parameters.AddWithValue("visibilities", visibilities.Select(v => v.ToString()).ToArray());
        }

        return where;
    }

    private static async Task<List<VideoCatalogEntry>> ReadAsync(NpgsqlCommand command, List<string> where, int limit, CancellationToken cancellationToken)
    {
        command.CommandText = $"""
            SELECT id, owner_id, status, visibility, title, created_at, version FROM vp_videos
            {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")}
            ORDER BY created_at DESC, id DESC LIMIT {limit.ToString(CultureInfo.InvariantCulture)}
            """;
        var items = new List<VideoCatalogEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new VideoCatalogEntry
            {
                Id = reader.GetString(0),
                OwnerId = reader.IsDBNull(1) ? null : reader.GetString(1),
                Status = Enum.Parse<VideoStatus>(reader.GetString(2)),
                Visibility = Enum.Parse<Visibility>(reader.GetString(3)),
                Title = reader.GetString(4),
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(5),
                Version = reader.GetInt64(6),
            });
        }

        return items;
    }
}
