namespace VideoPlatform.Grains.Uploads;

[GenerateSerializer, Alias("VideoPlatform.UploadState")]
public sealed class UploadState
{
    [Id(0)] public UploadInfo? Upload { get; set; }
    [Id(1)] public TimeSpan Expiration { get; set; }
    [Id(2)] public Guid? LeaseToken { get; set; }
    [Id(3)] public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>Where the bytes landed, once all did: what the video is told (again, after a crash) on completion.</summary>
    [Id(4)] public string? SourceKey { get; set; }
}
