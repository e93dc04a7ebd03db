using Microsoft.Extensions.Options;

namespace VideoPlatform.Api.Auth;

/// <summary>Bound from <c>VideoPlatform:Auth</c>.</summary>
public sealed class AuthSettings
{
    public const string Section = "VideoPlatform:Auth";

    /// <summary>OWASP's 2023 figure for PBKDF2-HMAC-SHA512 (the PRF of ASP.NET Core's V3 hash format).</summary>
    public const int OwaspPbkdf2Sha512Iterations = 210_000;

    /// <summary>The shortest HS256 key accepted, in bytes.</summary>
    public const int MinKeyBytes = 32;

    /// <summary>HS256 key (at least 32 bytes); in production from a secret. Required unless <see cref="DevKeyFile"/> is set.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Development only: a file holding a random key, created (0600) on first start. Defaults to .data/dev-signing.key in the Development environment.</summary>
    public string? DevKeyFile { get; set; }
    public string Issuer { get; set; } = "videoplatform";
    public string Audience { get; set; } = "videoplatform-api";
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>Sliding: each refresh extends a login by this much, up to <see cref="RefreshAbsoluteLifetime"/>.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);
    /// <summary>A login ends this long after the password was given, however often it was refreshed.</summary>
    public TimeSpan RefreshAbsoluteLifetime { get; set; } = TimeSpan.FromDays(90);
    /// <summary>Rotated-away refresh token hashes remembered per login to detect a replay.</summary>
    public int UsedRefreshTokensKept { get; set; } = 64;
    public int MinPasswordLength { get; set; } = 10;
    /// <summary>PBKDF2-HMAC-SHA512 iterations for new hashes; older hashes are rehashed at the next login.</summary>
    public int PasswordIterations { get; set; } = OwaspPbkdf2Sha512Iterations;
    /// <summary>Usernames of existing accounts that get the admin role in their tokens; these names cannot be registered.</summary>
    public string[] Admins { get; set; } = [];
    /// <summary>Wrong passwords for one account (or unknown name) from one client IP before that pair is refused for <see cref="LoginThrottleWindow"/>.</summary>
    public int MaxFailedLogins { get; set; } = 5;
    /// <summary>Wrong passwords for one account from all addresses together before it is refused for <see cref="LoginThrottleWindow"/>.</summary>
    public int MaxFailedLoginsPerName { get; set; } = 50;
    public TimeSpan LoginThrottleWindow { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>Login, token, refresh and register requests per client IP per minute.</summary>
    public int AuthPermitsPerMinute { get; set; } = 20;
    /// <summary>Upload-creating requests per user per minute.</summary>
    public int UploadPermitsPerMinute { get; set; } = 30;
    /// <summary>Largest JSON (or form) request body.</summary>
    public long MaxJsonBodyBytes { get; set; } = 64 * 1024;
    /// <summary>Creators one account may follow.</summary>
    public int MaxSubscriptions { get; set; } = 1000;

    /// <summary>Every out-of-range value, one line each, naming its key.</summary>
    public IEnumerable<string> Problems()
    {
        static string Key(string name) => $"{Section}:{name}";
        if (string.IsNullOrEmpty(SigningKey) && string.IsNullOrWhiteSpace(DevKeyFile))
        {
            yield return $"{Key(nameof(SigningKey))} is required (from a secret; at least {MinKeyBytes} bytes); for a development run set {Key(nameof(DevKeyFile))} instead";
        }
        else if (!string.IsNullOrEmpty(SigningKey) && System.Text.Encoding.UTF8.GetByteCount(SigningKey) < MinKeyBytes)
        {
            yield return $"{Key(nameof(SigningKey))} must be at least {MinKeyBytes} bytes";
        }

        if (PasswordIterations is < 1_000 or > 10_000_000)
        {
            yield return $"{Key(nameof(PasswordIterations))} = {PasswordIterations} is not valid; allowed: 1000..10000000";
        }

        foreach (var (name, value, max) in new[]
                 {
                     (nameof(UsedRefreshTokensKept), UsedRefreshTokensKept, 10_000),
                     (nameof(MaxFailedLogins), MaxFailedLogins, 1_000),
                     (nameof(MaxFailedLoginsPerName), MaxFailedLoginsPerName, 100_000),
                     (nameof(MaxSubscriptions), MaxSubscriptions, 100_000),
                     (nameof(AuthPermitsPerMinute), AuthPermitsPerMinute, int.MaxValue),
                     (nameof(UploadPermitsPerMinute), UploadPermitsPerMinute, int.MaxValue),
                 })
        {
            if (value < 1 || value > max)
            {
                yield return $"{Key(name)} = {value} is not valid; allowed: 1..{max}";
            }
        }

        if (MaxFailedLoginsPerName < MaxFailedLogins)
        {
            yield return $"{Key(nameof(MaxFailedLoginsPerName))} must be at least {Key(nameof(MaxFailedLogins))}";
        }

        if (RefreshTokenLifetime <= TimeSpan.Zero || RefreshAbsoluteLifetime < RefreshTokenLifetime)
        {
            yield return $"{Key(nameof(RefreshAbsoluteLifetime))} must be at least {Key(nameof(RefreshTokenLifetime))}, which must be positive";
        }

        if (LoginThrottleWindow <= TimeSpan.Zero || AccessTokenLifetime <= TimeSpan.Zero)
        {
            yield return $"{Key(nameof(LoginThrottleWindow))} and {Key(nameof(AccessTokenLifetime))} must be positive";
        }
    }
}

/// <summary>Refuses to start with an out-of-range <see cref="AuthSettings"/> value.</summary>
internal sealed class AuthSettingsValidation : IValidateOptions<AuthSettings>
{
    public ValidateOptionsResult Validate(string? name, AuthSettings options) =>
        options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
