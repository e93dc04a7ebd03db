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
/// user id and the video's visibility when issued. They sit in the path (<c>/play/{id}/{token}/master.m3u8</c>) so
/// that the relative URIs inside the playlists carry them along. The user id is present only in tokens issued to the
/// owner or an admin. The visibility is signed (not written) so that any change of it voids every token issued
/// before: an owner's link shared while unlisted stops playing when the video turns private.
/// </summary>
public sealed class PlaybackTokens(SigningKeys keys, IOptions<PlaybackSettings> options, TimeProvider time)
{
    public const string Prefix = "pt.";
    private static readonly byte[] Purpose = Encoding.UTF8.GetBytes("videoplatform-playback-v1");

    public static bool LooksLikeToken(string segment) => segment.StartsWith(Prefix, StringComparison.Ordinal);

    public Task<string> CreateAsync(string videoId, Visibility visibility, string? userId) =>
        CreateAsync(videoId, visibility, userId, time.GetUtcNow() + options.Value.TokenLifetime);

    public async Task<string> CreateAsync(string videoId, Visibility visibility, string? userId, DateTimeOffset expiresAt)
    {
        var expiry = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var user = userId ?? "";
        return $"{Prefix}{expiry}.{user}.{await SignAsync(videoId, visibility, expiry, user)}";
    }

    /// <summary>
    /// Null when forged, malformed, expired or issued while the video had another visibility; otherwise the user id it
    /// was issued to ("" for anyone with the link).
    /// </summary>
    public async Task<string?> ValidateAsync(string videoId, Visibility visibility, string token)
    {
        var parts = token[Prefix.Length..].Split('.');
        if (parts.Length != 3 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var expiry))
        {
            return null;
        }

        var expected = Encoding.ASCII.GetBytes(await SignAsync(videoId, visibility, parts[0], parts[1]));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[2])))
        {
            return null;
        }

        return expiry > time.GetUtcNow().ToUnixTimeSeconds() ? parts[1] : null;
    }

    private async Task<string> SignAsync(string videoId, Visibility visibility, string expiry, string userId)
    {
        var key = HMACSHA256.HashData((await keys.EnsureAsync()).Key, Purpose);
        return Base64UrlEncoder.Encode(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{videoId}\n{expiry}\n{userId}\n{visibility}")));
    }
}
