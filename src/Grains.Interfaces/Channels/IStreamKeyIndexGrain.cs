namespace VideoPlatform.Grains.Channels;

/// <summary>Maps a stream key to its channel. Keyed by the lowercase hex SHA-256 of the key, never by the key.</summary>
[Alias("VideoPlatform.IStreamKeyIndexGrain")]
public interface IStreamKeyIndexGrain : IGrainWithStringKey
{
    [Alias("Get"), ReadOnly]
    Task<string?> Get();

    [Alias("Set")]
    Task Set(string channelId);

    /// <summary>Forgets the mapping if it still points at <paramref name="channelId"/>.</summary>
    [Alias("Clear")]
    Task Clear(string channelId);
}
