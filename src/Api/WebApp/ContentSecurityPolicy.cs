using Microsoft.Extensions.Options;
using VideoPlatform.Api.Playback;

namespace VideoPlatform.Api.WebApp;

/// <summary>
/// The app's pages may load code, styles and data only from the Api itself; media and images also from the CDN
/// that serves public videos (<see cref="PlaybackSettings.PublicBaseUrl"/>) and from blob: (the player's
/// MediaSource). Nothing inline, no frames, no plug-ins.
/// </summary>
public sealed class ContentSecurityPolicy(IOptions<PlaybackSettings> playback)
{
    public string Value { get; } = Build(playback.Value.PublicBaseUrl);

    public static string Build(string? cdnBaseUrl)
    {
        var cdn = Uri.TryCreate(cdnBaseUrl, UriKind.Absolute, out var uri) ? " " + uri.GetLeftPart(UriPartial.Authority) : "";
        return string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            $"img-src 'self'{cdn}",
            $"media-src 'self' blob:{cdn}",
            $"connect-src 'self'{cdn}",
            "worker-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");
    }
}
