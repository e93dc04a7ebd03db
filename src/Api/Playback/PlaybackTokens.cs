using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using VideoPlatform.Api.Auth;
using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Api.Playback;

/// <summary>
/// Path tokens for non-public playback: <c>pt.{expiry}.{userId}.{hmac}</c>, an HMAC-SHA256 over video id, expiry,
/// user id and the video's visibility and <see cref="VideoDetails.VisibilityRevision"/> when issued. They sit in the
/// path (<c>/play/{id}/{token}/master.m3u8</c>) so that the relative URIs inside the playlists carry them along. The
/// user id is present only in tokens issued to the owner or an admin. The revision is signed (not written) so that
/// any change of visibility voids every token issued before, for good: a link shared while unlisted stops playing when
/// the video turns private and stays void when it is unlisted again.
/// </summary>
public sealed class PlaybackTokens(SigningKeys keys, IOptions<PlaybackSettings> options, TimeProvider time)
{
    public const string Prefix = "pt.";
    private static readonly byte[] Purpose = Encoding.UTF8.GetBytes("videoplatform-playback-v1");

    public static bool LooksLikeToken(string segment) => segment.StartsWith(Prefix, StringComparison.Ordinal);

    public Task<string> CreateAsync(VideoDetails video, string? userId) =>
        CreateAsync(video, userId, time.GetUtcNow() + options.Value.TokenLifetime);

    public async Task<string> CreateAsync(VideoDetails video, string? userId, DateTimeOffset expiresAt)
    {
        var expiry = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var user = userId ?? "";
        return $"{Prefix}{expiry}.{user}.{await SignAsync(video, expiry, user)}";
    }

    /// <summary>
    /// Null when forged, malformed, expired or issued before the video's last change of visibility; otherwise the user
    /// id it was issued to ("" for anyone with the link).
    /// </summary>
    public async Task<string?> ValidateAsync(VideoDetails video, string token)
    {
        var parts = token[Prefix.Length..].Split('.');
        if (parts.Length != 3 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var expiry))
        {
            return null;
        }

        var expected = Encoding.ASCII.GetBytes(await SignAsync(video, parts[0], parts[1]));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[2])))
        {
            return null;
        }

        return expiry > time.GetUtcNow().ToUnixTimeSeconds() ? parts[1] : null;
    }

    private async Task<string> SignAsync(VideoDetails video, string expiry, string userId)
    {
        var key = HMACSHA256.HashData((await keys.EnsureAsync()).Key, Purpose);
        var revision = video.VisibilityRevision.ToString(CultureInfo.InvariantCulture);
        var signed = $"{video.Id}\n{expiry}\n{userId}\n{video.Visibility}\n{revision}";
        return Base64UrlEncoder.Encode(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(signed)));
    }
}
