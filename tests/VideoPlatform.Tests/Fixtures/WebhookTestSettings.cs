using VideoPlatform.Webhooks;

namespace VideoPlatform.Tests.Fixtures;

/// <summary>
/// Webhooks in the test cluster: the silos may deliver to receivers on 127.0.0.1, retry after 200 ms, time out after
/// 3 s, and allow 10 endpoints per user. The Api keeps refusing private targets unless a test's factory allows them.
/// </summary>
public static class WebhookTestSettings
{
    public const string AllowPrivateKey = "VideoPlatform:Webhooks:AllowPrivateTargets";

    public const int MaxEndpointsPerUser = 10;

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static void Silo(WebhookSettings o)
    {
        o.AllowPrivateTargets = true;
        o.Timeout = Timeout;
        o.FirstRetryDelay = TimeSpan.FromMilliseconds(200);
        o.MaxRetryDelay = TimeSpan.FromSeconds(1);
        o.MaxEndpointsPerUser = MaxEndpointsPerUser;
    }
}
