using System.Globalization;
using Amazon.S3;
using Amazon.S3.Model;
using VideoPlatform.Storage;
using ByteRange = VideoPlatform.Storage.ByteRange;

namespace VideoPlatform.Infrastructure.Storage.S3;

internal sealed partial class S3Bucket
{
    public async Task<ObjectContent?> GetAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        var request = new GetObjectRequest { BucketName = bucket, Key = key };
        if (range is { } r)
        {
            if (r.From is null || r.From < 0 || r.To < r.From)
            {
                // Suffix and malformed ranges are resolved here: not every S3 look-alike understands "bytes=-n".
                var head = await HeadAsync(key, cancellationToken);
                if (head is null)
                {
                    return null;
                }

                var (offset, length) = r.Resolve(key, head.Length);
                request.ByteRange = new Amazon.S3.Model.ByteRange(offset, offset + length - 1);
                request.EtagToMatch = $"\"{head.ETag}\"";
            }
            else
            {
                request.ByteRange = new Amazon.S3.Model.ByteRange(r.ToHeaderValue());
            }
        }

        GetObjectResponse response;
        try
        {
            response = await client.GetObjectAsync(request, cancellationToken);
        }
        catch (AmazonS3Exception ex) when (S3Errors.IsMissingObject(ex))
        {
            return null;
        }
        catch (AmazonS3Exception ex) when (S3Errors.IsInvalidRange(ex))
        {
            var head = await HeadAsync(key, cancellationToken);
            throw new ObjectRangeNotSatisfiableException(key, head?.Length ?? 0);
        }

        try
        {
            return await OpenAsync(key, range, response, cancellationToken);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Trusts the server's Content-Range only as far as it is consistent: look-alikes answer a range on an empty
    /// object with "bytes 0-0/0", and a server may ignore Range altogether (then the window is cut here).
    /// </summary>
    private static async Task<ObjectContent> OpenAsync(string key, ByteRange? range, GetObjectResponse response, CancellationToken cancellationToken)
    {
        var bodyLength = response.ContentLength;
        var partial = ParseContentRange(response.ContentRange);
        var total = partial?.Total ?? bodyLength;
        var info = new ObjectInfo(key, total, S3Errors.Unquote(response.ETag), ToOffset(response.LastModified), response.Headers.ContentType);
        if (range is not { } r)
        {
            return new ObjectContent(info, response.ResponseStream, 0, bodyLength);
        }

        if (partial is { } p)
        {
            return p.Start >= total
                ? throw new ObjectRangeNotSatisfiableException(key, total)
                : new ObjectContent(info, response.ResponseStream, p.Start, bodyLength);
        }

        var (offset, length) = r.Resolve(key, total);
        var skipped = await StreamBlocks.SkipAsync(response.ResponseStream, offset, cancellationToken);
        return skipped == offset
            ? new ObjectContent(info, new BoundedReadStream(response.ResponseStream, length), offset, length)
            : throw new EndOfStreamException($"'{key}' ended after {skipped} of {total} bytes");
    }

    /// <summary>"bytes 0-99/1234" -> (0, 1234).</summary>
    private static (long Start, long Total)? ParseContentRange(string? header)
    {
        if (string.IsNullOrEmpty(header) || !header.StartsWith("bytes ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var dash = header.IndexOf('-', StringComparison.Ordinal);
        var slash = header.IndexOf('/', StringComparison.Ordinal);
        return dash > 6 && slash > dash
            && long.TryParse(header.AsSpan(6, dash - 6), NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            && long.TryParse(header.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var total)
                ? (start, total)
                : null;
    }
}
