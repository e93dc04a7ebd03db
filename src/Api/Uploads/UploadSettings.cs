using VideoPlatform.Storage;

namespace VideoPlatform.Api.Uploads;

/// <summary>Bound from <c>VideoPlatform:Uploads</c>.</summary>
public sealed class UploadSettings
{
    public const string Section = "VideoPlatform:Uploads";

    /// <summary>Largest accepted upload (tus and PUT); larger ones get 413.</summary>
    public long MaxSize { get; set; } = 20L * 1024 * 1024 * 1024;

    /// <summary>An upload without progress for this long expires and its bytes are freed.</summary>
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
}
