namespace VideoPlatform.Api.Live;

public static class LiveRegistration
{
    public static IServiceCollection AddLiveServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LiveSettings>(configuration.GetSection(LiveSettings.Section));
        services.AddSingleton<ChannelMapper>();
        services.AddSingleton<LiveServer>();
        return services;
    }
}
