using System.Buffers;
using Microsoft.Extensions.Options;
using VideoPlatform.Grains.Uploads;
using VideoPlatform.Storage;

namespace VideoPlatform.Api.Uploads;

/// <summary>
/// For stores that cannot append (S3): full parts go into a multipart upload of the final key; bytes short of a part
/// wait in a staged tail object (<see cref="MediaKeys.UploadTail"/>) that the next PATCH prepends to its body. Parts are
/// sent while the body is still arriving (<see cref="UploadSettings.PartConcurrency"/> at once), so a PATCH holds at
/// most that many parts plus the one being filled in memory, never the whole upload.
/// </summary>
public sealed class MultipartUploadWriter(IObjectStore store, IOptions<UploadSettings> options) : IUploadWriter
{
    public async Task<WrittenBytes> WriteAsync(UploadInfo upload, Guid grant, UploadBodyStream body, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var partSize = settings.EffectivePartSize;
        var before = upload.Storage;
        await using var parts = new PartUploads(
            store, MediaKeys.Source(upload.VideoId), upload.FileType, before, settings.PartConcurrency, cancellationToken);
        byte[]? buffer = ArrayPool<byte>.Shared.Rent(partSize);
        try
        {
            var filled = before.TailKey is { } tail ? await ReadTailAsync(tail, buffer, cancellationToken) : 0;
            try
            {
                int read;
                while ((read = await body.ReadAsync(buffer.AsMemory(filled, partSize - filled), cancellationToken)) > 0)
                {
                    filled += read;
                    if (filled == partSize)
                    {
                        var full = buffer;
                        buffer = null;
                        await parts.SendAsync(full, filled);
                        buffer = ArrayPool<byte>.Shared.Rent(partSize);
                        filled = 0;
                    }
                }
            }
            catch (Exception) when (body.Failure is not null)
            {
                // The body broke off: the parts sent are stored once complete, the buffer holds the rest of what arrived.
            }

            var stored = await parts.CompleteAsync();
            if (stored.Count == before.Parts.Count && filled == before.TailLength)
            {
                return new WrittenBytes(upload.Offset, before);
            }

            var written = new UploadStorage { MultipartId = parts.MultipartId, Parts = stored };
            if (filled > 0)
            {
                var key = MediaKeys.UploadTail(upload.UploadId, grant);
                using var rest = new MemoryStream(buffer!, 0, filled, writable: false);
                // Not cancellable: these bytes arrived and the client will resume after them.
                await store.PutAsync(key, rest, cancellationToken: CancellationToken.None);
                written = written with { TailKey = key, TailLength = filled };
            }

            return new WrittenBytes(written.PartsLength + written.TailLength, written);
        }
        catch (Exception)
        {
            // A part or the tail could not be stored: nothing of this PATCH is committed.
            await parts.DisposeAsync();
            await AbortIfStartedHereAsync(upload, parts.MultipartId);
            throw;
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    public async Task DiscardAsync(UploadInfo upload, WrittenBytes written)
    {
        // Parts stored beyond the committed ones are overwritten by the next PATCH (same part numbers), or go with
        // the multipart upload when this PATCH started it.
        await AbortIfStartedHereAsync(upload, written.Storage.MultipartId);
        if (written.Storage.TailKey is { } tail && tail != upload.Storage.TailKey)
        {
            await store.DeleteAsync(tail, CancellationToken.None);
        }
    }

    public async Task<string> FinishAsync(UploadInfo upload, UploadStorage storage, CancellationToken cancellationToken)
    {
        var source = MediaKeys.Source(upload.VideoId);
        if (storage.MultipartId is not { } multipartId)
        {
            // Smaller than one part: the tail is the whole upload.
            await using var whole = await OpenTailAsync(storage, cancellationToken);
            await store.PutAsync(source, whole.Stream, upload.FileType, cancellationToken);
        }
        else
        {
            var parts = storage.Parts.Select(p => new MultipartPart(p.Number, p.ETag, p.Length)).ToList();
            if (storage.TailKey is not null)
            {
                await using var last = await OpenTailAsync(storage, cancellationToken);
                parts.Add(await store.PutPartAsync(source, multipartId, parts.Count + 1, last.Stream, last.Length, cancellationToken));
            }

            await store.CompleteMultipartAsync(source, multipartId, parts, cancellationToken);
        }

        await store.DeletePrefixAsync(MediaKeys.UploadPrefix(upload.UploadId), CancellationToken.None);
        return source;
    }

    public async Task AfterCommitAsync(UploadInfo before, UploadStorage after)
    {
        if (before.Storage.TailKey is { } old && old != after.TailKey)
        {
            await store.DeleteAsync(old, CancellationToken.None);
        }
    }

    /// <summary>A multipart upload this PATCH started and will not commit holds parts nothing refers to: it is aborted.</summary>
    private async Task AbortIfStartedHereAsync(UploadInfo upload, string? multipartId)
    {
        if (multipartId is null || upload.Storage.MultipartId == multipartId)
        {
            return;
        }

        try
        {
            await store.AbortMultipartAsync(MediaKeys.Source(upload.VideoId), multipartId, CancellationToken.None);
        }
        catch (Exception)
        {
            // Best effort on a path that is failing or discarding already (its own error is the one reported); S3's
            // lifecycle rule for incomplete uploads is the backstop.
        }
    }

    private async Task<ObjectContent> OpenTailAsync(UploadStorage storage, CancellationToken cancellationToken) =>
        await store.GetAsync(storage.TailKey ?? throw new InvalidOperationException("The upload has no staged bytes"), cancellationToken: cancellationToken)
        ?? throw new InvalidOperationException($"The staged tail '{storage.TailKey}' is missing");

    private async Task<int> ReadTailAsync(string key, byte[] buffer, CancellationToken cancellationToken)
    {
        await using var tail = await store.GetAsync(key, cancellationToken: cancellationToken)
            ?? throw new InvalidOperationException($"The staged tail '{key}' is missing");
        var filled = 0;
        int read;
        while ((read = await tail.Stream.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
        {
            filled += read;
        }

        return filled;
    }
}
