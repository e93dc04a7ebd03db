using Microsoft.Extensions.Configuration;
using VideoPlatform.Grains.Channels;

namespace VideoPlatform.Hosting.Configuration;

/// <summary>The <c>VideoPlatform:Live:Channel</c> section, checked with the rest of the configuration at start.</summary>
public static class LiveConfiguration
{
    public static IReadOnlyList<string> Validate(IConfiguration configuration)
    {
        try
        {
            var settings = configuration.GetSection(ChannelLiveSettings.Section).Get<ChannelLiveSettings>() ?? new ChannelLiveSettings();
            return settings.Problems().ToList();
        }
        catch (InvalidOperationException ex)
        {
            return [$"{ChannelLiveSettings.Section}: {ex.Message}"];
        }
    }
}
