using System.Text.Json;
using System.Text.Json.Serialization;
using VideoPlatform.Api.Apis;
using VideoPlatform.Api.Errors;
using VideoPlatform.Api.Uploads;

namespace VideoPlatform.Api;

/// <summary>Api services and endpoint groups; Program.cs reads as their table of contents.</summary>
public static class ApiSetup
{
    public static WebApplicationBuilder AddApiServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<PlatformExceptionHandler>();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        builder.Services.AddOpenApi();
        builder.Services.AddUploads(builder.Configuration);
        return builder;
    }

    public static WebApplication UseApiPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCors();
        return app;
    }

    public static WebApplication MapApis(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapUploadsApi();
        app.MapVideoSourceApi();
        return app;
    }
}

/// <summary>A type of this assembly for WebApplicationFactory (every host has a top-level Program).</summary>
public sealed class ApiMarker;
