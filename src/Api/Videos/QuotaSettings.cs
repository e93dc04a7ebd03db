using System.Security.Claims;
using Microsoft.Extensions.Options;
using VideoPlatform.Api.Auth;
using VideoPlatform.Grains.Users;

namespace VideoPlatform.Api.Videos;

/// <summary>Bound from <c>VideoPlatform:Quotas</c>: what one account may hold and start. 0 turns a quota off; admins have none.</summary>
public sealed class QuotaSettings
{
    public const string Section = "VideoPlatform:Quotas";

    /// <summary>Bytes stored per account: sources, renditions, and the declared length of its uploads in flight.</summary>
    public long MaxStoredBytes { get; set; } = 100L * 1024 * 1024 * 1024;

    /// <summary>Videos one account may create in any 24 hours.</summary>
    public int MaxVideosPerDay { get; set; } = 100;

    /// <summary>Uploads (tus or PUT) one account may have in flight at once.</summary>
    public int MaxConcurrentUploads { get; set; } = 10;

    public QuotaLimits For(ClaimsPrincipal user) => Caller.IsAdmin(user)
        ? QuotaLimits.None
        : new QuotaLimits
        {
            StoredBytes = MaxStoredBytes > 0 ? MaxStoredBytes : null,
            VideosPerDay = MaxVideosPerDay > 0 ? MaxVideosPerDay : null,
            ConcurrentUploads = MaxConcurrentUploads > 0 ? MaxConcurrentUploads : null,
        };

    /// <summary>Every out-of-range value, one line each, naming its key.</summary>
    public IEnumerable<string> Problems()
    {
        if (MaxStoredBytes < 0)
        {
            yield return $"{Section}:{nameof(MaxStoredBytes)} = {MaxStoredBytes} is not valid; allowed: 0 (off) or more";
        }

        // The grain keeps one entry per counted creation or upload: the ceilings bound its state.
        foreach (var (name, value, max) in new[] { (nameof(MaxVideosPerDay), MaxVideosPerDay, 10_000), (nameof(MaxConcurrentUploads), MaxConcurrentUploads, 1_000) })
        {
            if (value < 0 || value > max)
            {
                yield return $"{Section}:{name} = {value} is not valid; allowed: 0 (off)..{max}";
            }
        }
    }
}

/// <summary>Refuses to start with an out-of-range <see cref="QuotaSettings"/> value.</summary>
internal sealed class QuotaSettingsValidation : IValidateOptions<QuotaSettings>
{
    public ValidateOptionsResult Validate(string? name, QuotaSettings options) =>
        options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
