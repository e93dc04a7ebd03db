using System.Threading.RateLimiting;

namespace VideoPlatform.Api.Analytics;

/// <summary>Bound from <c>VideoPlatform:Analytics</c>.</summary>
public sealed class AnalyticsSettings
{
    public const string Section = "VideoPlatform:Analytics";
    public const string EventLimit = "playback-events";

    /// <summary>Event batches per client IP per minute (a player sends one every few seconds; NATs share an IP).</summary>
    public int EventBatchesPerMinute { get; set; } = 600;
}

public static class AnalyticsServices
{
    public static IServiceCollection AddAnalytics(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(AnalyticsSettings.Section).Get<AnalyticsSettings>() ?? new AnalyticsSettings();
        services.Configure<AnalyticsSettings>(configuration.GetSection(AnalyticsSettings.Section));
        services.AddRateLimiter(o => o.AddPolicy(AnalyticsSettings.EventLimit, http => RateLimitPartition.GetTokenBucketLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "local",
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = settings.EventBatchesPerMinute,
                // Refilled every second, so a busy IP is slowed down smoothly instead of locked out for the rest of a minute.
                TokensPerPeriod = Math.Max(1, settings.EventBatchesPerMinute / 60),
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            })));
        return services;
    }
}
