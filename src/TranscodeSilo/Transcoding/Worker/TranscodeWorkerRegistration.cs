using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VideoPlatform.TranscodeSilo.Shutdown;

namespace VideoPlatform.TranscodeSilo.Transcoding.Worker;

public static class TranscodeWorkerRegistration
{
    /// <summary>The transcode slots of a media silo (only the TranscodeSilo host and media test silos call this).</summary>
    public static IServiceCollection AddTranscodeWorker(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TranscodeWorkerSettings>().Bind(configuration.GetSection(TranscodeWorkerSettings.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TranscodeWorkerSettings>, TranscodeWorkerSettingsValidation>();
        services.AddSingleton<TranscodeMetrics>();
        services.AddSingleton(sp => new Transcoder(MediaTools.Default, sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<TranscodeJobRunner>(
            sp, sp.GetRequiredService<IOptions<TranscodeWorkerSettings>>().Value));
        services.AddMediaSiloDrain();
        services.AddSingleton<TranscodeWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<TranscodeWorker>());
        return services;
    }
}
