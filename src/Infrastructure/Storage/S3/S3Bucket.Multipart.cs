using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using VideoPlatform.Storage;

namespace VideoPlatform.Infrastructure.Storage.S3;

internal sealed partial class S3Bucket
{
    public async Task<string> InitiateMultipartAsync(string key, string? contentType = null, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        var response = await client.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest { BucketName = bucket, Key = key, ContentType = contentType ?? DefaultContentType },
            cancellationToken);
        return response.UploadId;
    }

    public async Task<MultipartPart> PutPartAsync(
        string key, string uploadId, int partNumber, Stream content, long length, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        MultipartLimits.CheckPartNumber(partNumber);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var body = content.CanSeek ? content : await SeekablePart.CopyAsync(content, length, cancellationToken);
        try
        {
            var request = new UploadPartRequest
            {
                BucketName = bucket,
                Key = key,
                UploadId = uploadId,
                PartNumber = partNumber,
                InputStream = body,
                PartSize = length,
                UseChunkEncoding = _chunked,
            };
            var response = await client.UploadPartAsync(request, cancellationToken);
            return new MultipartPart(partNumber, S3Errors.Unquote(response.ETag), length);
        }
        catch (AmazonS3Exception ex) when (S3Errors.IsMissingUpload(ex))
        {
            throw new MultipartUploadNotFoundException(key, uploadId);
        }
        finally
        {
            if (!ReferenceEquals(body, content))
            {
                await body.DisposeAsync();
            }
        }
    }

    public async Task<ObjectInfo> CompleteMultipartAsync(
        string key, string uploadId, IReadOnlyList<MultipartPart> parts, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        MultipartLimits.CheckOrder(key, parts);
        MultipartLimits.CheckSizes(key, parts);
        var request = new CompleteMultipartUploadRequest
        {
            BucketName = bucket,
            Key = key,
            UploadId = uploadId,
            PartETags = parts.Select(p => new PartETag(p.PartNumber, $"\"{p.ETag.Trim('"')}\"")).ToList(),
        };
        try
        {
            await client.CompleteMultipartUploadAsync(request, cancellationToken);
        }
        catch (AmazonS3Exception ex) when (S3Errors.IsMissingUpload(ex))
        {
            throw new MultipartUploadNotFoundException(key, uploadId);
        }
        catch (AmazonS3Exception ex) when (S3Errors.IsRejectedCompletion(ex))
        {
            throw new InvalidMultipartException(key, ex.Message);
        }

        // The completion answer carries no length, type or date; one HEAD gives the object as stored.
        return await HeadAsync(key, cancellationToken) ?? throw new IOException($"'{key}' is missing right after its multipart completion");
    }

    /// <summary>Idempotent, like the FileSystem store: aborting an unknown or finished upload is not an error.</summary>
    public async Task AbortMultipartAsync(string key, string uploadId, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        try
        {
            await client.AbortMultipartUploadAsync(
                new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId }, cancellationToken);
        }
        catch (AmazonS3Exception ex) when (S3Errors.IsMissingUpload(ex))
        {
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented)
        {
            // Some look-alikes (s3rver) cannot abort; their parts stay out of listings and reads. On AWS a
            // lifecycle rule (AbortIncompleteMultipartUpload) is the backstop for parts an abort never reached.
        }
    }
}
