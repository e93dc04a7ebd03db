namespace VideoPlatform.Grains.Users;

/// <summary>
/// Ownership of one normalized username or email, keyed <c>{kind}/{normalized value}</c>. A grain activation is
/// single-threaded and unique in the cluster, so of two simultaneous claims exactly one wins.
/// </summary>
[Alias("VideoPlatform.IUniqueNameGrain")]
public interface IUniqueNameGrain : IGrainWithStringKey
{
    /// <summary>Claims the name for <paramref name="userId"/>; returns the owner afterwards (the caller when it won).</summary>
    [Alias("Claim")]
    Task<string> Claim(string userId);

    [Alias("Release")]
    Task Release(string userId);

    [Alias("Owner"), ReadOnly]
    Task<string?> Owner();
}

public static class UniqueNames
{
    public static string Username(string normalized) => $"username/{normalized}";

    public static string Email(string normalized) => $"email/{normalized}";
}
