using Orleans.Dashboard;
using VideoPlatform.Hosting.Cluster;

namespace VideoPlatform.Api.Apis;

/// <summary>/admin/orleans: the Orleans Dashboard (pages, assets and its JSON), for admins only.</summary>
public static class DashboardApi
{
    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        app.MapOrleansDashboard(PlatformDashboard.Path)
            .RequireAuthorization(Auth.AuthSetup.AdminPolicy)
            .ExcludeFromDescription();
        return app;
    }
}
