using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VideoPlatform.Webhooks;

/// <summary>
/// <c>VideoPlatform-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "t.body")&gt;</c>; the key is the
/// secret's UTF-8 bytes, as shown to the owner.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "VideoPlatform-Signature";

    public static string Sign(string secret, long unixSeconds, string body)
    {
        var t = unixSeconds.ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}"));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>What a receiver does: recompute and compare in constant time (and check t against its clock).</summary>
    public static bool Verify(string secret, string header, string body, out long unixSeconds)
    {
        unixSeconds = 0;
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);
        if (!parts.TryGetValue("t", out var t) || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out unixSeconds)
            || !parts.TryGetValue("v1", out var v1))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, unixSeconds, body).Split("v1=")[1]);
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(v1));
    }
}
