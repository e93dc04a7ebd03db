using Microsoft.Extensions.Options;
using VideoPlatform.Storage;

namespace VideoPlatform.Api.Uploads;

/// <summary>Bound from <c>VideoPlatform:Uploads</c>.</summary>
public sealed class UploadSettings
{
    public const string Section = "VideoPlatform:Uploads";

    /// <summary>S3's largest object.</summary>
    private const long MaxObjectSize = 5L * 1024 * 1024 * 1024 * 1024;

    /// <summary>Largest accepted upload (tus and PUT); larger ones get 413.</summary>
    public long MaxSize { get; set; } = 20L * 1024 * 1024 * 1024;

    /// <summary>An upload not finished this long after its creation expires and its bytes are freed; PATCHes never extend it.</summary>
    public TimeSpan Expiration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a PATCH owns its upload without renewing; an abandoned PATCH lets go after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Multipart part size for stores that cannot append (at least S3's 5 MiB).</summary>
    public long PartSize { get; set; } = MultipartLimits.MinimumPartSize;

    /// <summary>
    /// Parts of one PATCH sent to the store at once while the body keeps arriving. Each holds a part in memory, so a
    /// PATCH uses up to this many parts plus one.
    /// </summary>
    public int PartConcurrency { get; set; } = 4;

    /// <summary>The part size actually used: large enough that <see cref="MaxSize"/> fits in S3's 10,000 parts.</summary>
    public int EffectivePartSize =>
        (int)Math.Max(Math.Max(PartSize, MultipartLimits.MinimumPartSize), (MaxSize + MultipartLimits.MaxPartNumber - 1) / MultipartLimits.MaxPartNumber);

    /// <summary>Every out-of-range value, one line each, naming its key.</summary>
    public IEnumerable<string> Problems()
    {
        if (MaxSize is < 1 or > MaxObjectSize)
        {
            yield return $"{Section}:{nameof(MaxSize)} = {MaxSize} is not valid; allowed: 1..{MaxObjectSize}";
        }

        if (Expiration < TimeSpan.FromSeconds(1) || Expiration > TimeSpan.FromDays(30))
        {
            yield return $"{Section}:{nameof(Expiration)} = {Expiration} is not valid; allowed: 00:00:01..30.00:00:00";
        }

        if (Lease < TimeSpan.FromSeconds(1) || PartConcurrency is < 1 or > 64)
        {
            yield return $"{Section}:{nameof(Lease)} must be at least 1 s and {Section}:{nameof(PartConcurrency)} within 1..64";
        }
    }
}

/// <summary>Refuses to start with an out-of-range <see cref="UploadSettings"/> value.</summary>
internal sealed class UploadSettingsValidation : IValidateOptions<UploadSettings>
{
    public ValidateOptionsResult Validate(string? name, UploadSettings options) =>
        options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
