using Microsoft.Extensions.Configuration;
using VideoPlatform.Webhooks;

namespace VideoPlatform.Hosting.Configuration;

/// <summary>The <c>VideoPlatform:Webhooks</c> section, checked with the rest of the configuration at start.</summary>
public static class WebhookConfiguration
{
    public static IReadOnlyList<string> Validate(IConfiguration configuration)
    {
        try
        {
            var settings = configuration.GetSection(WebhookSettings.Section).Get<WebhookSettings>() ?? new WebhookSettings();
            return settings.Problems().ToList();
        }
        catch (InvalidOperationException ex)
        {
            return [$"{WebhookSettings.Section}: {ex.Message}"];
        }
    }
}
