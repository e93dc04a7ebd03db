namespace VideoPlatform.Grains.Users;

/// <summary>
/// Kept in memory only: forgetting a minute of throttling on a restart is harmless, whereas a storage write per
/// wrong password would give anyone a cheap way to load the database.
/// </summary>
public sealed class LoginThrottleGrain(TimeProvider time) : Grain, ILoginThrottleGrain
{
    private int failures;
    private DateTimeOffset firstFailure;
    private DateTimeOffset blockedUntil;

    public Task<TimeSpan?> Blocked()
    {
        var left = blockedUntil - time.GetUtcNow();
        return Task.FromResult<TimeSpan?>(left > TimeSpan.Zero ? left : null);
    }

    public Task Failed(int maxFailures, TimeSpan window)
    {
        var now = time.GetUtcNow();
        if (failures == 0 || now - firstFailure >= window)
        {
            failures = 0;
            firstFailure = now;
        }

        if (++failures >= maxFailures)
        {
            failures = 0;
            blockedUntil = now + window;
        }

        return Task.CompletedTask;
    }

    public Task Succeeded()
    {
        failures = 0;
        return Task.CompletedTask;
    }
}
