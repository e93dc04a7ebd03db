using System.Net;
using Microsoft.Extensions.Time.Testing;
using VideoPlatform.TranscodeSilo.Ingest.Server;

namespace VideoPlatform.Tests.TranscodeSilo.Ingest.Server;

[Trait("Category", "Unit")]
public sealed class IngestLimitsTests
{
    private static readonly IPAddress A = IPAddress.Parse("10.0.0.1");
    private static readonly IPAddress B = IPAddress.Parse("10.0.0.2");

    [Fact]
    public void ConnectionLimiter_PerAddressAndGlobalCaps_ReleasedSlotsReusable()
    {
        var limiter = new ConnectionLimiter(maxTotal: 3, maxPerAddress: 2);

        Assert.True(limiter.TryAcquire(A));
        Assert.True(limiter.TryAcquire(A));
        Assert.False(limiter.TryAcquire(A));
        Assert.True(limiter.TryAcquire(B));
        Assert.False(limiter.TryAcquire(B)); // global cap
        limiter.Release(A);
        Assert.True(limiter.TryAcquire(B));
        Assert.Equal(3, limiter.Open);
    }

    [Fact]
    public void FailedKeyThrottle_BlocksAfterLimit_UntilWindowPasses_PerAddress()
    {
        var time = new FakeTimeProvider();
        var throttle = new FailedKeyThrottle(limit: 3, TimeSpan.FromMinutes(1), time);

        for (var i = 0; i < 3; i++)
        {
            Assert.False(throttle.IsBlocked(A));
            throttle.Failed(A);
            time.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.True(throttle.IsBlocked(A));
        Assert.False(throttle.IsBlocked(B));
        time.Advance(TimeSpan.FromSeconds(31)); // the first failure leaves the window
        Assert.False(throttle.IsBlocked(A));
    }
}
