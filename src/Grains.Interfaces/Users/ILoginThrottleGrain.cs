namespace VideoPlatform.Grains.Users;

/// <summary>
/// Failed logins for one login name, keyed like <see cref="IUniqueNameGrain"/> (<c>{kind}/{normalized value}</c>)
/// whether or not an account holds that name, so that a throttled unknown name and a throttled account look alike.
/// </summary>
[Alias("VideoPlatform.ILoginThrottleGrain")]
public interface ILoginThrottleGrain : IGrainWithStringKey
{
    /// <summary>How long logins with this name are still refused; null when they are not.</summary>
    [Alias("Blocked"), ReadOnly]
    Task<TimeSpan?> Blocked();

    /// <summary>
    /// Counts a wrong password; the <paramref name="maxFailures"/>th inside <paramref name="window"/> refuses this
    /// name for <paramref name="window"/>.
    /// </summary>
    [Alias("Failed")]
    Task Failed(int maxFailures, TimeSpan window);

    [Alias("Succeeded")]
    Task Succeeded();
}
