using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using VideoPlatform.Api.Auth;

namespace VideoPlatform.Api.Live;

public static class LiveRegistration
{
    public static IServiceCollection AddLiveServices(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(LiveSettings.Section);
        var settings = section.Get<LiveSettings>() ?? new LiveSettings();
        services.AddOptions<LiveSettings>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LiveSettings>, LiveSettingsValidation>();
        services.AddSingleton<ChannelMapper>();
        services.AddSingleton<LiveServer>();
        services.AddRateLimiter(o => o.AddPolicy(LiveSettings.ChannelCreationLimit, http => RateLimitPartition.GetTokenBucketLimiter(
            Caller.IdOf(http.User) ?? http.Connection.RemoteIpAddress?.ToString() ?? "local",
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = settings.ChannelsPerHour,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromHours(1) / settings.ChannelsPerHour,
            })));
        return services;
    }
}

/// <summary>Refuses to start the Api with an out-of-range <see cref="LiveSettings"/> value.</summary>
internal sealed class LiveSettingsValidation : IValidateOptions<LiveSettings>
{
    public ValidateOptionsResult Validate(string? name, LiveSettings options) =>
        options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
