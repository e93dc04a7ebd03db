using VideoPlatform.Grains.Users;

namespace VideoPlatform.Grains.Uploads;

[GenerateSerializer, Immutable, Alias("VideoPlatform.CreateUpload")]
public sealed record CreateUpload
{
    [Id(0)] public required string VideoId { get; init; }
    [Id(1)] public required long Length { get; init; }
    /// <summary>The Upload-Metadata header as the client sent it (HEAD echoes it).</summary>
    [Id(2)] public string? Metadata { get; init; }
    [Id(3)] public string? FileName { get; init; }
    [Id(4)] public string? FileType { get; init; }
    /// <summary>The upload expires this long after its creation, whatever its PATCHes.</summary>
    [Id(5)] public required TimeSpan Expiration { get; init; }
    /// <summary>The quotas of the caller (none for an admin), checked against the video owner's accounting.</summary>
    [Id(6)] public QuotaLimits Limits { get; init; } = QuotaLimits.None;
}

/// <summary>A snapshot of an upload.</summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.UploadInfo")]
public sealed record UploadInfo
{
    [Id(0)] public required string UploadId { get; init; }
    [Id(1)] public required string VideoId { get; init; }
    [Id(2)] public string? OwnerId { get; init; }
    [Id(3)] public long Length { get; init; }
    [Id(4)] public long Offset { get; init; }
    [Id(5)] public string? Metadata { get; init; }
    [Id(6)] public string? FileName { get; init; }
    [Id(7)] public string? FileType { get; init; }
    [Id(8)] public DateTimeOffset CreatedAt { get; init; }
    [Id(9)] public DateTimeOffset ExpiresAt { get; init; }
    [Id(10)] public UploadStatus Status { get; init; }
    [Id(11)] public UploadStorage Storage { get; init; } = UploadStorage.Empty;
}

/// <summary>
/// Where the received bytes are. Append stores keep them in one staged object; other stores (S3) in a multipart upload
/// of the final key (parts of at least 5 MiB) plus a staged tail object shorter than a part.
/// </summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.UploadStorage")]
public sealed record UploadStorage
{
    public static readonly UploadStorage Empty = new();

    [Id(0)] public string? MultipartId { get; init; }
    [Id(1)] public IReadOnlyList<UploadPart> Parts { get; init; } = [];
    [Id(2)] public string? TailKey { get; init; }
    [Id(3)] public long TailLength { get; init; }

    public long PartsLength => Parts.Sum(p => p.Length);
}

[GenerateSerializer, Immutable, Alias("VideoPlatform.UploadPart")]
public sealed record UploadPart([property: Id(0)] int Number, [property: Id(1)] string ETag, [property: Id(2)] long Length);

[GenerateSerializer, Alias("VideoPlatform.PatchOutcome")]
public enum PatchOutcome
{
    Granted,
    NotFound,
    Gone,
    OffsetMismatch,
    Locked,
    TooLarge,
}

/// <summary>
/// The answer to a PATCH request. <see cref="Token"/> is unique per grant: it also names the staged objects this PATCH
/// writes, so a PATCH that lost its lease can never overwrite (or discard) the next one's.
/// </summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.PatchGrant")]
public sealed record PatchGrant
{
    [Id(0)] public PatchOutcome Outcome { get; init; }
    [Id(1)] public Guid Token { get; init; }
    [Id(3)] public UploadInfo? Upload { get; init; }
}

/// <summary>What a PATCH durably wrote: the new offset and storage; <see cref="SourceKey"/> once the object is whole.</summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.PatchCommit")]
public sealed record PatchCommit(
    [property: Id(0)] long Offset,
    [property: Id(1)] UploadStorage Storage,
    [property: Id(2)] string? SourceKey);
