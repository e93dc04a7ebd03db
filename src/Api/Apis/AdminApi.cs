using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Transcoding;

namespace VideoPlatform.Api.Apis;

/// <summary>/api/admin: operational views (the transcode queue, the cluster's silos).</summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(Auth.AuthSetup.AdminPolicy);
        group.MapGet("/transcode", async (IClusterClient grains) =>
            TypedResults.Ok(await grains.GetGrain<ITranscodeQueueGrain>(TranscodeQueue.Key).Stats()))
            .WithName("TranscodeQueue");
        group.MapGet("/transcode/jobs/{videoId}", async (string videoId, IClusterClient grains) =>
            await grains.GetGrain<ITranscodeJobGrain>(videoId).Get() is { } job
                ? Results.Ok(job)
                : Errors.ApiProblem.NotFound("Transcode job", videoId))
            .WithName("TranscodeJob");
        group.MapGet("/cluster", async (IClusterClient grains) =>
            TypedResults.Ok(await grains.GetGrain<IClusterOverviewGrain>(ClusterOverview.Key).Describe()))
            .WithName("Cluster");
        return app;
    }
}
