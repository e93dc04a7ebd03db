using Orleans.Dashboard;

namespace VideoPlatform.Hosting.Cluster;

/// <summary>The Orleans Dashboard, served by the Api to admins at <see cref="Path"/> and fed by every silo.</summary>
public static class PlatformDashboard
{
    public const string Path = "/admin/orleans";

    /// <summary>
    /// Silos push their counters every 5 s instead of every second (a cost on every silo, watched or not), and the log
    /// stream stays hidden: log lines may carry user data, and /api/admin is where operators read state.
    /// </summary>
    public static void Configure(DashboardOptions options)
    {
        options.CounterUpdateIntervalMs = 5000;
        options.HideTrace = true;
    }
}
