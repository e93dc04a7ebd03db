using VideoPlatform.Storage;

namespace VideoPlatform.Infrastructure.Storage.S3;

internal sealed partial class S3Bucket
{
    /// <summary>Block size for streams of unknown length: one block in memory at a time, never the whole object.</summary>
    public const int StreamingPartSize = 8 * 1024 * 1024;

    /// <summary>A stream that fits one block is a plain put; a longer one becomes a multipart upload of full blocks.</summary>
    private async Task<ObjectInfo> PutUnknownLengthAsync(string key, Stream content, string? contentType, CancellationToken cancellationToken)
    {
        var buffer = new byte[StreamingPartSize];
        var filled = await StreamBlocks.FillAsync(content, buffer, cancellationToken);
        if (filled < buffer.Length)
        {
            using var small = new MemoryStream(buffer, 0, filled, writable: false);
            return await PutSingleAsync(key, small, filled, contentType, cancellationToken);
        }

        var uploadId = await InitiateMultipartAsync(key, contentType, cancellationToken);
        try
        {
            var parts = new List<MultipartPart>();
            while (filled > 0)
            {
                using (var block = new MemoryStream(buffer, 0, filled, writable: false))
                {
                    parts.Add(await PutPartAsync(key, uploadId, parts.Count + 1, block, filled, cancellationToken));
                }

                filled = await StreamBlocks.FillAsync(content, buffer, cancellationToken);
            }

            return await CompleteMultipartAsync(key, uploadId, parts, cancellationToken);
        }
        catch
        {
            await AbortMultipartAsync(key, uploadId, CancellationToken.None);
            throw;
        }
    }
}
