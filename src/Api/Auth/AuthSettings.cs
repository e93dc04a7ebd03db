namespace VideoPlatform.Api.Auth;

/// <summary>Bound from <c>VideoPlatform:Auth</c>.</summary>
public sealed class AuthSettings
{
    public const string Section = "VideoPlatform:Auth";

    /// <summary>HS256 key (at least 32 characters). Empty: a random key is generated once and kept in grain storage.</summary>
    public string? SigningKey { get; set; }
    public string Issuer { get; set; } = "videoplatform";
    public string Audience { get; set; } = "videoplatform-api";
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);
    public int MinPasswordLength { get; set; } = 10;
    /// <summary>Usernames that get the admin role when they register.</summary>
    public string[] Admins { get; set; } = [];
    /// <summary>Wrong passwords for one login name before that name is refused for <see cref="LoginThrottleWindow"/>.</summary>
    public int MaxFailedLogins { get; set; } = 5;
    public TimeSpan LoginThrottleWindow { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>Login, token, refresh and register requests per client IP per minute.</summary>
    public int AuthPermitsPerMinute { get; set; } = 20;
    /// <summary>Upload-creating requests per user per minute.</summary>
    public int UploadPermitsPerMinute { get; set; } = 30;
    /// <summary>Largest JSON (or form) request body.</summary>
    public long MaxJsonBodyBytes { get; set; } = 64 * 1024;
}
