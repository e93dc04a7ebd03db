using System.Net;
using VideoPlatform.Grains.Users;

namespace VideoPlatform.Api.Auth;

/// <summary>
/// The two counters of one login attempt: <c>{subject}@{client IP}</c> with <see cref="AuthSettings.MaxFailedLogins"/>,
/// and <c>{subject}</c> with <see cref="AuthSettings.MaxFailedLoginsPerName"/>. The subject is <c>user/{id}</c> once
/// the name resolves to an account, else the normalized name.
/// </summary>
internal sealed class LoginThrottle(IClusterClient grains, string subject, IPAddress? client)
{
    private readonly ILoginThrottleGrain perAddress = grains.GetGrain<ILoginThrottleGrain>($"{subject}@{client?.ToString() ?? "local"}");
    private readonly ILoginThrottleGrain perName = grains.GetGrain<ILoginThrottleGrain>(subject);

    public async Task<TimeSpan?> BlockedAsync()
    {
        var waits = await Task.WhenAll(perAddress.Blocked(), perName.Blocked());
        return waits.Max();
    }

    public Task FailedAsync(AuthSettings settings) => Task.WhenAll(
        perAddress.Failed(settings.MaxFailedLogins, settings.LoginThrottleWindow),
        perName.Failed(settings.MaxFailedLoginsPerName, settings.LoginThrottleWindow));

    public Task SucceededAsync() => Task.WhenAll(perAddress.Succeeded(), perName.Succeeded());
}
