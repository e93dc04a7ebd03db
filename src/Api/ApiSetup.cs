using System.Text.Json;
using System.Text.Json.Serialization;
using VideoPlatform.Api.Analytics;
using VideoPlatform.Api.Apis;
using VideoPlatform.Api.Auth;
using VideoPlatform.Api.Errors;
using VideoPlatform.Api.Live;
using VideoPlatform.Api.Playback;
using VideoPlatform.Api.Search;
using VideoPlatform.Api.Recommendations;
using VideoPlatform.Api.Videos;
using VideoPlatform.Api.Uploads;
using VideoPlatform.Api.WebApp;
using VideoPlatform.Webhooks;

namespace VideoPlatform.Api;

/// <summary>Api services and endpoint groups; Program.cs reads as their table of contents.</summary>
public static class ApiSetup
{
    public static WebApplicationBuilder AddApiServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddProblemDetails();
        services.AddExceptionHandler<PlatformExceptionHandler>();
        // Unreadable bodies become exceptions in every environment, so PlatformExceptionHandler answers them with
        // the Api's ProblemDetails (code bad_request), not the bare default 400 of production.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        services.AddOpenApi(o => o.AddDocumentTransformer<BearerSecurityScheme>().AddOperationTransformer<BearerSecurityScheme>());
        services.AddPlatformAuth(builder.Configuration);
        services.AddSingleton<PlaybackTokens>();
        services.AddSingleton<CdnVersions>();
        services.AddMemoryCache();
        services.AddCors(o => o.AddPolicy(StoredObjectResponse.CorsPolicy, p => p
            .AllowAnyOrigin()
            .WithMethods(HttpMethods.Get, HttpMethods.Head)
            .AllowAnyHeader()
            .WithExposedHeaders("Content-Length", "Content-Range", "Accept-Ranges", "ETag")));
        services.Configure<PlaybackSettings>(builder.Configuration.GetSection(PlaybackSettings.Section));
        services.AddSingleton<PlaybackUrls>();
        services.AddSingleton<PlaybackAccess>();
        services.AddSingleton<PlaybackObjectCache>();
        services.AddSingleton<PlaybackServer>();
        services.AddSingleton<VideoMapper>();
        services.AddUploads(builder.Configuration);
        services.AddLiveServices(builder.Configuration);
        services.AddWebhooks();
        services.AddAnalytics(builder.Configuration);
        services.AddSingleton<SearchReindex>();
        services.AddSingleton<RecommendedVideos>();
        services.AddWebApp(builder.Configuration);
        return builder;
    }

    public static WebApplication UseApiPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCors();
        app.UsePlatformAuth();
        app.UseWebApp();
        return app;
    }

    public static WebApplication MapApis(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapApiReference();
        app.MapAuthApi();
        app.MapSessionApi();
        app.MapUsersApi();
        app.MapVideosApi();
        app.MapPlaybackApi();
        app.MapAdminApi();
        app.MapUploadsApi();
        app.MapVideoSourceApi();
        app.MapChannelsApi();
        app.MapLiveApi();
        app.MapWebhooksApi();
        app.MapAnalyticsApi();
        app.MapSearchApi();
        app.MapDashboardApi();
        app.MapRecommendationsApi();
        return app;
    }
}

/// <summary>A type of this assembly for WebApplicationFactory (every host has a top-level Program).</summary>
public sealed class ApiMarker;
