using Microsoft.Extensions.Options;
using VideoPlatform.Api.Videos;
using VideoPlatform.Storage;

namespace VideoPlatform.Api.Uploads;

public static class UploadServices
{
    /// <summary>Upload and quota settings, the bytes path for the configured store (append when it can, multipart otherwise) and the tus CORS policy.</summary>
    public static IServiceCollection AddUploads(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UploadSettings>().Bind(configuration.GetSection(UploadSettings.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<UploadSettings>, UploadSettingsValidation>();
        services.AddOptions<QuotaSettings>().Bind(configuration.GetSection(QuotaSettings.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<QuotaSettings>, QuotaSettingsValidation>();
        services.AddSingleton<IUploadWriter>(sp =>
        {
            var store = sp.GetRequiredService<IObjectStore>();
            return store is IAppendableObjectStore append
                ? new AppendUploadWriter(store, append)
                : new MultipartUploadWriter(store, sp.GetRequiredService<IOptions<UploadSettings>>());
        });
        services.AddSingleton<PatchProcessor>();
        services.AddCors(o => o.AddPolicy(UploadsApi.CorsPolicy, policy => policy
            .AllowAnyOrigin()
            .WithMethods(HttpMethods.Post, HttpMethods.Get, HttpMethods.Head, HttpMethods.Patch, HttpMethods.Delete, HttpMethods.Options)
            .WithHeaders(TusProtocol.RequestHeaders)
            .WithExposedHeaders(TusProtocol.ResponseHeaders)
            .SetPreflightMaxAge(TimeSpan.FromDays(1))));
        return services;
    }
}
