using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Hosting.Cluster;
using VideoPlatform.Hosting.Configuration;
using VideoPlatform.Hosting.Health;

namespace VideoPlatform.Hosting;

public static class PlatformSiloHost
{
    /// <summary>A silo host of the given pool (general or media).</summary>
    public static PlatformOptions AddPlatformSilo(this WebApplicationBuilder builder, SiloPool pool)
    {
        var options = builder.AddPlatformCommon(pool == SiloPool.Media ? "videoplatform-transcode-silo" : "videoplatform-silo", scrapeOnHttpPort: true);
        builder.UseOrleans(silo => silo.UsePlatform(options, pool));
        builder.Services.AddHealthChecks().AddCheck<SiloHealthCheck>("silo", tags: [PlatformHealthChecks.ReadyTag]);
        return options;
    }
}
