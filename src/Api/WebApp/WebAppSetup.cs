namespace VideoPlatform.Api.WebApp;

/// <summary>The web app (web/, built by vite into the Api's binaries) served by the Api beside its endpoints.</summary>
public static class WebAppSetup
{
    public static IServiceCollection AddWebApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebAppSettings>(configuration.GetSection(WebAppSettings.Section));
        services.AddSingleton<WebAppFiles>();
        services.AddSingleton<ContentSecurityPolicy>();
        return services;
    }

    /// <summary>After routing: a request an endpoint took never reaches the app.</summary>
    public static IApplicationBuilder UseWebApp(this IApplicationBuilder app) => app.UseMiddleware<WebAppMiddleware>();
}
