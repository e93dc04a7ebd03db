using System.Text.Json;
using System.Text.Json.Serialization;
using VideoPlatform.Api.Errors;

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
        return builder;
    }

    public static WebApplication UseApiPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    public static WebApplication MapApis(this WebApplication app)
    {
        app.MapOpenApi();
        return app;
    }
}

/// <summary>A type of this assembly for WebApplicationFactory (every host has a top-level Program).</summary>
public sealed class ApiMarker;
