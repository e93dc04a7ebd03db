using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Storage;
using VideoPlatform.TranscodeSilo.Shutdown;
using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.TranscodeSilo.Ingest.Server;

public static class LiveIngestRegistration
{
    /// <summary>The RTMP ingest of a media silo (only the TranscodeSilo host and media test silos call this).</summary>
    public static IServiceCollection AddLiveIngest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LiveIngestSettings>().Bind(configuration.GetSection(LiveIngestSettings.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LiveIngestSettings>, LiveIngestSettingsValidation>();
        services.AddSingleton<LiveIngestMetrics>();
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<LiveIngestSettings>>().Value;
            var silo = sp.GetRequiredService<ILocalSiloDetails>();
            return new IngestServices(settings, sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<IObjectStore>(),
                MediaTools.Default, sp.GetRequiredService<TimeProvider>(), silo.SiloAddress.ToParsableString(),
                sp.GetRequiredService<LiveIngestMetrics>(), sp.GetRequiredService<PlatformMetrics>());
        });
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<LiveIngestSettings>>().Value;
            return new FailedKeyThrottle(settings.FailedKeyLimit, settings.FailedKeyWindow, sp.GetRequiredService<TimeProvider>());
        });
        services.AddMediaSiloDrain();
        services.AddSingleton<PublishAuthorizer>();
        services.AddSingleton<RtmpIngestListener>();
        services.AddHostedService(sp => sp.GetRequiredService<RtmpIngestListener>());
        return services;
    }
}
