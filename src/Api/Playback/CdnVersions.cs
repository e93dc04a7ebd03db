using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using VideoPlatform.Api.Auth;
using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Api.Playback;

/// <summary>
/// The version in a public video's CDN URLs (<c>{PublicBaseUrl}/{id}/{version}/…</c>): an HMAC over the video id and its
/// <see cref="VideoDetails.VisibilityRevision"/>. Any change of visibility makes a new one, so the origin refuses the
/// URLs handed out before from then on and they are never handed out again; being keyed, it cannot be derived from
/// the video id, so segments an edge still holds are out of reach of anyone who never had a playlist naming them.
/// See docs/playback.md.
/// </summary>
public sealed class CdnVersions(SigningKeys keys)
{
    private static readonly byte[] Purpose = Encoding.UTF8.GetBytes("videoplatform-cdn-v1");

    public async Task<string> ForAsync(VideoDetails video)
    {
        var key = HMACSHA256.HashData((await keys.EnsureAsync()).Key, Purpose);
        var revision = video.VisibilityRevision.ToString(CultureInfo.InvariantCulture);
        // 128 bits are plenty for a value no one can ask the origin to check faster than by brute force over HTTP.
        return Base64UrlEncoder.Encode(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{video.Id}\n{revision}"))[..16]);
    }

    public async Task<bool> IsCurrentAsync(VideoDetails video, string version) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(await ForAsync(video)), Encoding.ASCII.GetBytes(version));
}
