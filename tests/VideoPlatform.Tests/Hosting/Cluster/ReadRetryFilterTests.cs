using Orleans.Runtime;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Hosting.Cluster;

namespace VideoPlatform.Tests.Hosting.Cluster;

/// <summary>The Api asks again only for reads, and only when the answer was lost with a silo.</summary>
[Trait("Category", "Unit")]
public sealed class ReadRetryFilterTests
{
    [Fact]
    public void IsRead_ReadOnlyMethod_True_WriteMethod_False()
    {
        Assert.True(ReadRetryFilter.IsRead(typeof(IVideoGrain).GetMethod(nameof(IVideoGrain.Get))));
        Assert.False(ReadRetryFilter.IsRead(typeof(IVideoGrain).GetMethod(nameof(IVideoGrain.Update))));
        Assert.False(ReadRetryFilter.IsRead(null));
    }

    [Fact]
    public void IsLostWithSilo_ResponseTimeoutOrDeadSilo_True_GrainErrors_False()
    {
        Assert.True(ReadRetryFilter.IsLostWithSilo(new TimeoutException("Response did not arrive on time")));
        Assert.True(ReadRetryFilter.IsLostWithSilo(new SiloUnavailableException("The target silo became unavailable")));
        Assert.False(ReadRetryFilter.IsLostWithSilo(new OrleansException("some other platform error")));
        Assert.False(ReadRetryFilter.IsLostWithSilo(new VideoNotFoundException("abc")));
    }
}
