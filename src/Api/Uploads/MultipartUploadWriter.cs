using System.Buffers;
using Microsoft.Extensions.Options;
using VideoPlatform.Grains.Uploads;
using VideoPlatform.Infrastructure.Storage;

namespace VideoPlatform.Api.Uploads;

/// <summary>
/// For stores that cannot append (S3): full parts go into a multipart upload of the final key; bytes short of a part
/// wait in a staged tail object (<c>uploads/{uploadId}/tail-N</c>) that the next PATCH prepends to its body. One part
/// is in memory per PATCH, never the whole upload.
/// </summary>
public sealed class MultipartUploadWriter(IObjectStore store, IOptions<UploadSettings> options) : IUploadWriter
{
    public async Task<WrittenBytes> WriteAsync(UploadInfo upload, Guid grant, UploadBodyStream body, CancellationToken cancellationToken)
    {
        var partSize = options.Value.EffectivePartSize;
        var buffer = ArrayPool<byte>.Shared.Rent(partSize);
        try
        {
            var before = upload.Storage;
            var filled = before.TailKey is { } tail ? await ReadTailAsync(tail, buffer, cancellationToken) : 0;
            var parts = before.Parts.ToList();
            var multipartId = before.MultipartId;
            var source = UploadKeys.Source(upload.VideoId);
            try
            {
                int read;
                while ((read = await body.ReadAsync(buffer.AsMemory(filled, partSize - filled), cancellationToken)) > 0)
                {
                    filled += read;
                    if (filled == partSize)
                    {
                        multipartId ??= await store.InitiateMultipartAsync(source, upload.FileType, cancellationToken);
                        using var part = new MemoryStream(buffer, 0, filled, writable: false);
                        var stored = await store.PutPartAsync(source, multipartId, parts.Count + 1, part, filled, cancellationToken);
                        parts.Add(new UploadPart(stored.PartNumber, stored.ETag, stored.Length));
                        filled = 0;
                    }
                }
            }
            catch (Exception) when (body.Failure is not null)
            {
                // The body broke off: full parts are stored, the buffer holds the rest of what arrived.
            }

            if (parts.Count == before.Parts.Count && filled == before.TailLength)
            {
                return new WrittenBytes(upload.Offset, before);
            }

            var written = new UploadStorage { MultipartId = multipartId, Parts = parts };
            if (filled > 0)
            {
                var key = UploadKeys.Tail(upload.UploadId, grant);
                using var rest = new MemoryStream(buffer, 0, filled, writable: false);
                // Not cancellable: these bytes arrived and the client will resume after them.
                await store.PutAsync(key, rest, cancellationToken: CancellationToken.None);
                written = written with { TailKey = key, TailLength = filled };
            }

            return new WrittenBytes(written.PartsLength + written.TailLength, written);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task DiscardAsync(UploadInfo upload, WrittenBytes written)
    {
        // Parts stored beyond the committed ones are overwritten by the next PATCH (same part numbers) or aborted.
        if (written.Storage.TailKey is { } tail && tail != upload.Storage.TailKey)
        {
            await store.DeleteAsync(tail, CancellationToken.None);
        }
    }

    public async Task<string> FinishAsync(UploadInfo upload, UploadStorage storage, CancellationToken cancellationToken)
    {
        var source = UploadKeys.Source(upload.VideoId);
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

        await store.DeletePrefixAsync(UploadKeys.StagingPrefix(upload.UploadId), CancellationToken.None);
        return source;
    }

    public async Task AfterCommitAsync(UploadInfo before, UploadStorage after)
    {
        if (before.Storage.TailKey is { } old && old != after.TailKey)
        {
            await store.DeleteAsync(old, CancellationToken.None);
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
