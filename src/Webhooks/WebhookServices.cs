using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace VideoPlatform.Webhooks;

public static class WebhookServices
{
    /// <summary>Settings (bound from <see cref="WebhookSettings.Section"/>), target vetting and the sender (created on first use).</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookSettings>().BindConfiguration(WebhookSettings.Section);
        services.TryAddSingleton<IWebhookResolver, DnsWebhookResolver>();
        services.TryAddSingleton<WebhookTargets>();
        services.TryAddSingleton<IWebhookSender, WebhookSender>();
        return services;
    }
}
