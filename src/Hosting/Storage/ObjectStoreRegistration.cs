using Amazon.S3;
using Microsoft.Extensions.DependencyInjection;
using VideoPlatform.Hosting.Configuration;
using VideoPlatform.Storage;
using VideoPlatform.Infrastructure.Storage.FileSystem;
using VideoPlatform.Infrastructure.Storage.S3;

namespace VideoPlatform.Hosting.Storage;

public static class ObjectStoreRegistration
{
    /// <summary>Registers the configured <c>IObjectStore</c> (FileSystem or S3) as a singleton.</summary>
    public static IServiceCollection AddPlatformObjectStore(this IServiceCollection services, PlatformOptions options)
    {
        var storage = options.Storage;
        switch (storage.Provider)
        {
            case StorageProvider.FileSystem:
                // Resolved once, at startup, so a later change of working directory cannot move the store.
                var root = Path.GetFullPath(storage.FileSystem.Root, Directory.GetCurrentDirectory());
                services.AddSingleton<IObjectStore>(sp => new FileSystemObjectStore(root, sp.GetRequiredService<TimeProvider>()));
                break;
            case StorageProvider.S3:
                var settings = ToSettings(storage.S3);
                services.AddSingleton(_ => settings.CreateClient());
                services.AddSingleton<IObjectStore>(sp =>
                    new S3ObjectStore(sp.GetRequiredService<IAmazonS3>(), settings.Bucket, sp.GetRequiredService<TimeProvider>()));
                break;
            default:
                throw new InvalidOperationException($"Unknown storage provider {storage.Provider}");
        }

        return services;
    }

    private static S3ObjectStoreSettings ToSettings(S3StoreSettings s3) =>
        new(string.IsNullOrWhiteSpace(s3.Bucket) ? throw new InvalidOperationException("VideoPlatform:Storage:S3:Bucket is required") : s3.Bucket)
        {
            ServiceUrl = string.IsNullOrWhiteSpace(s3.ServiceUrl) ? null : s3.ServiceUrl,
            Region = s3.Region,
            AccessKey = string.IsNullOrEmpty(s3.AccessKey) ? null : s3.AccessKey,
            SecretKey = string.IsNullOrEmpty(s3.SecretKey) ? null : s3.SecretKey,
            ForcePathStyle = s3.ForcePathStyle,
        };
}
