namespace VideoPlatform.Grains.Users;

/// <summary>A random secret generated once and persisted (the dev signing key when none is configured).</summary>
[Alias("VideoPlatform.ISecretGrain")]
public interface ISecretGrain : IGrainWithStringKey
{
    [Alias("GetOrCreate")]
    Task<byte[]> GetOrCreate(int length);
}
