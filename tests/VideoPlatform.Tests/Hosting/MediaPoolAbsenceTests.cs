using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.TestingHost;
using VideoPlatform.TranscodeSilo.Health;
using VideoPlatform.Grains.Health;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Hosting.Cluster;

namespace VideoPlatform.Tests.Hosting;

/// <summary>A cluster with no media silo: media calls fail clearly instead of running on a general silo.</summary>
[Trait("Category", "Integration")]
public sealed class MediaPoolAbsenceTests
{
    [Fact]
    public async Task MediaGrain_WithoutMediaSilo_FailsInsteadOfRunningOnGeneralPool()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.AssumeHomogenousSilosForTesting = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddPlatformPool(SiloPool.General);
            silo.Services.AddSerializer(s => s.AddAssembly(typeof(PoolProbeGrain).Assembly).AddAssembly(typeof(MediaPoolProbeGrain).Assembly));
        });
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        await cluster.WaitForClusterManifestToStabilizeAsync();

        var general = await cluster.Client.GetGrain<IPoolProbeGrain>("g").Describe();
        Assert.Equal(nameof(SiloPool.General), general.Pool);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => cluster.Client.GetGrain<IMediaPoolProbeGrain>("m").Describe());
        Assert.Contains(nameof(IMediaPoolProbeGrain), error.Message, StringComparison.Ordinal);
        await cluster.StopAllSilosAsync();
    }
}
