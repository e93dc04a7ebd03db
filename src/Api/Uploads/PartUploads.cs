using System.Buffers;
using VideoPlatform.Grains.Uploads;
using VideoPlatform.Storage;

namespace VideoPlatform.Api.Uploads;

/// <summary>
/// The multipart parts of one PATCH, sent while the body is still being received: up to <c>concurrency</c> parts are
/// in flight at once (an S3 part is a round trip; sent one by one, receiving would stop for each). Each part owns its
/// pooled buffer and returns it when sent. <see cref="CompleteAsync"/> gives the parts in order, or throws the first
/// failure once every part has settled; disposing waits for whatever is still in flight.
/// </summary>
public sealed class PartUploads(
    IObjectStore store, string key, string? contentType, UploadStorage before, int concurrency, CancellationToken cancellationToken) : IAsyncDisposable
{
    private readonly List<UploadPart> done = [.. before.Parts];
    private readonly Queue<Task<UploadPart>> inFlight = new();

    public string? MultipartId { get; private set; } = before.MultipartId;

    /// <summary>Sends <paramref name="buffer"/>[..<paramref name="length"/>] as the next part; the buffer now belongs to it.</summary>
    public async Task SendAsync(byte[] buffer, int length)
    {
        try
        {
            MultipartId ??= await store.InitiateMultipartAsync(key, contentType, cancellationToken);
            while (inFlight.Count >= Math.Max(1, concurrency))
            {
                done.Add(await inFlight.Dequeue());
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        inFlight.Enqueue(PutAsync(MultipartId, done.Count + inFlight.Count + 1, buffer, length));
    }

    /// <summary>Every part of the upload so far (the committed ones first), once the ones in flight are stored.</summary>
    public async Task<IReadOnlyList<UploadPart>> CompleteAsync()
    {
        Exception? first = null;
        while (inFlight.TryDequeue(out var part))
        {
            try
            {
                var stored = await part;
                if (first is null)
                {
                    done.Add(stored);
                }
            }
            catch (Exception ex)
            {
                first ??= ex;
            }
        }

        if (first is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }

        return done;
    }

    public async ValueTask DisposeAsync()
    {
        while (inFlight.TryDequeue(out var part))
        {
            try
            {
                await part;
            }
            catch (Exception)
            {
                // Already failing: the caller sees the first error; parts stored beyond the committed ones are
                // overwritten by the next PATCH or aborted with the upload.
            }
        }
    }

    private async Task<UploadPart> PutAsync(string multipartId, int number, byte[] buffer, int length)
    {
        try
        {
            // Off the receiving path at once: the SDK signs (hashes) the part before its first await.
            await Task.Yield();
            using var content = new MemoryStream(buffer, 0, length, writable: false);
            var stored = await store.PutPartAsync(key, multipartId, number, content, length, cancellationToken);
            return new UploadPart(stored.PartNumber, stored.ETag, stored.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
