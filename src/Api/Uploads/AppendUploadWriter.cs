using VideoPlatform.Grains.Uploads;
using VideoPlatform.Storage;

namespace VideoPlatform.Api.Uploads;

/// <summary>For stores that can append (the FileSystem store): the upload grows one staged object, moved into place at the end.</summary>
public sealed class AppendUploadWriter(IObjectStore store, IAppendableObjectStore append) : IUploadWriter
{
    public async Task<WrittenBytes> WriteAsync(UploadInfo upload, Guid grant, UploadBodyStream body, CancellationToken cancellationToken)
    {
        var key = MediaKeys.UploadData(upload.UploadId);
        try
        {
            return new WrittenBytes(await append.AppendAsync(key, upload.Offset, body, cancellationToken), upload.Storage);
        }
        catch (Exception) when (body.Failure is not null)
        {
            // What the file holds now is what arrived before the body broke off.
            var stored = await store.HeadAsync(key, CancellationToken.None);
            return new WrittenBytes(Math.Clamp(stored?.Length ?? upload.Offset, upload.Offset, upload.Length), upload.Storage);
        }
    }

    /// <summary>Nothing to undo: every append first cuts the object back to the committed offset.</summary>
    public Task DiscardAsync(UploadInfo upload, WrittenBytes written) => Task.CompletedTask;

    public async Task<string> FinishAsync(UploadInfo upload, UploadStorage storage, CancellationToken cancellationToken)
    {
        var source = MediaKeys.Source(upload.VideoId);
        await append.MoveAsync(MediaKeys.UploadData(upload.UploadId), source, upload.FileType, cancellationToken);
        return source;
    }

    public Task AfterCommitAsync(UploadInfo before, UploadStorage after) => Task.CompletedTask;
}
