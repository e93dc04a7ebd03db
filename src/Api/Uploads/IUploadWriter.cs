using VideoPlatform.Grains.Uploads;

namespace VideoPlatform.Api.Uploads;

/// <summary>How the bytes of a PATCH reach the object store: appended in place, or as multipart parts plus a staged tail.</summary>
public interface IUploadWriter
{
    /// <summary>
    /// Streams <paramref name="body"/> after the committed bytes of <paramref name="upload"/>. Returns the offset and storage
    /// covering every byte durably stored, also when the body broke off midway (then <see cref="UploadBodyStream.Failure"/> is set).
    /// </summary>
    Task<WrittenBytes> WriteAsync(UploadInfo upload, Guid grant, UploadBodyStream body, CancellationToken cancellationToken);

    /// <summary>Forgets a write that will not be committed (bad checksum, lost lease); the committed bytes stay.</summary>
    Task DiscardAsync(UploadInfo upload, WrittenBytes written);

    /// <summary>Assembles every byte of the upload at the video's source key (MediaKeys.Source) and returns that key.</summary>
    Task<string> FinishAsync(UploadInfo upload, UploadStorage storage, CancellationToken cancellationToken);

    /// <summary>After a commit: removes staged objects the new storage no longer refers to.</summary>
    Task AfterCommitAsync(UploadInfo before, UploadStorage after);
}

public sealed record WrittenBytes(long Offset, UploadStorage Storage);
