namespace VideoPlatform.Webhooks;

/// <summary>Bound from <c>VideoPlatform:Webhooks</c>; checked at start by the hosts' configuration validation.</summary>
public sealed class WebhookSettings
{
    public const string Section = "VideoPlatform:Webhooks";

    /// <summary>Lets endpoints point at loopback, link-local and private addresses (tests, a receiver on the same host).</summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>One attempt, connect to last byte read; a slower receiver counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a delivery is retried after its event before it is given up.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);

    public int MaxEndpointsPerUser { get; set; } = 20;

    /// <summary>Wait before the first retry; each later one waits twice as long, up to <see cref="MaxRetryDelay"/>, less up to a quarter of jitter.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Attempts one endpoint has in flight at once.</summary>
    public int MaxInFlight { get; set; } = 4;

    /// <summary>Deliveries an endpoint keeps (pending ones included); beyond it the oldest finished ones go first.</summary>
    public int LogSize { get; set; } = 100;

    /// <summary>Every problem, one line each, naming keys under <see cref="Section"/>.</summary>
    public IEnumerable<string> Problems()
    {
        if (Timeout < TimeSpan.FromMilliseconds(100) || Timeout > TimeSpan.FromSeconds(60))
        {
            yield return $"{Section}:Timeout = {Timeout} is not valid; allowed: 00:00:00.1..00:01:00";
        }

        if (RetryFor < TimeSpan.Zero || RetryFor > TimeSpan.FromDays(7))
        {
            yield return $"{Section}:RetryFor = {RetryFor} is not valid; allowed: 00:00:00..7.00:00:00";
        }

        if (MaxEndpointsPerUser is < 1 or > 1000)
        {
            yield return $"{Section}:MaxEndpointsPerUser = {MaxEndpointsPerUser} is not valid; allowed: 1..1000";
        }

        if (FirstRetryDelay < TimeSpan.FromMilliseconds(10) || MaxRetryDelay < FirstRetryDelay)
        {
            yield return $"{Section}:FirstRetryDelay and MaxRetryDelay must be at least 10 ms, FirstRetryDelay <= MaxRetryDelay";
        }

        if (MaxInFlight is < 1 or > 64 || LogSize is < 10 or > 10_000)
        {
            yield return $"{Section}:MaxInFlight (1..64) or LogSize (10..10000) is out of range";
        }
    }
}
