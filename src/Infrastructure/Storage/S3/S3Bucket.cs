using Amazon.S3;
using Amazon.S3.Model;
using VideoPlatform.Storage;

namespace VideoPlatform.Infrastructure.Storage.S3;

/// <summary>
/// The S3 requests behind <see cref="S3ObjectStore"/> (AWS, MinIO, s3rver). Custom endpoints get plain signed bodies:
/// S3 look-alikes do not all decode aws-chunked uploads. LastModified of a put's result is this host's clock (S3 does not return it).
/// </summary>
internal sealed partial class S3Bucket(IAmazonS3 client, string bucket, TimeProvider time) : IObjectStore
{
    private const string DefaultContentType = "application/octet-stream";

    // Chunked (streaming-signed) bodies are only spoken reliably by AWS itself.
    private readonly bool _chunked = string.IsNullOrEmpty(client.Config.ServiceURL);

    public async Task EnsureBucketAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await client.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, cancellationToken);
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
        }
    }

    public async Task<ObjectInfo> PutAsync(string key, Stream content, string? contentType = null, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        return content.CanSeek
            ? await PutSingleAsync(key, content, content.Length - content.Position, contentType, cancellationToken)
            : await PutUnknownLengthAsync(key, content, contentType, cancellationToken);
    }

    public async Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        try
        {
            var head = await client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key }, cancellationToken);
            return new ObjectInfo(key, head.ContentLength, S3Errors.Unquote(head.ETag), ToOffset(head.LastModified), head.Headers.ContentType);
        }
        catch (AmazonS3Exception ex) when (S3Errors.IsMissingObject(ex))
        {
            return null;
        }
    }

    /// <summary>S3 deletes are blind, so a HEAD tells whether the object was there.</summary>
    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        if (await HeadAsync(key, cancellationToken) is null)
        {
            return false;
        }

        await client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = key }, cancellationToken);
        return true;
    }

    public async Task CheckAsync(CancellationToken cancellationToken = default) =>
        await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, MaxKeys = 1 }, cancellationToken);

    internal static DateTimeOffset ToOffset(DateTime? value) =>
        value is { } v ? new DateTimeOffset(v.ToUniversalTime().Ticks, TimeSpan.Zero) : DateTimeOffset.MinValue;

    private async Task<ObjectInfo> PutSingleAsync(string key, Stream content, long length, string? contentType, CancellationToken cancellationToken)
    {
        var request = new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            InputStream = content,
            ContentType = contentType ?? DefaultContentType,
            UseChunkEncoding = _chunked,
            AutoCloseStream = false,
            AutoResetStreamPosition = false,
        };
        request.Headers.ContentLength = length;
        var response = await client.PutObjectAsync(request, cancellationToken);
        return new ObjectInfo(key, length, S3Errors.Unquote(response.ETag), time.GetUtcNow(), request.ContentType);
    }
}
