using System.Buffers;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using VideoPlatform.Bench.Platform;

namespace VideoPlatform.Bench.Upload;

/// <summary>
/// The 3b baseline: a file put straight into s3rver by the AWS SDK as a multipart upload, with the part size and the
/// number of parts in flight that the Api uses by default (5 MiB, 4), the body read from the file. What the store
/// takes at best from one client here, with no HTTP hop through the Api, no tus and no grains. Written against the
/// SDK directly, not through the platform's store, so that it does not share the code it is a baseline for.
/// </summary>
public sealed class S3DirectUpload(S3rver s3) : IDisposable
{
    public const int PartSize = 5 << 20;
    public const int PartsInFlight = 4;

    private readonly AmazonS3Client client = new(
        new BasicAWSCredentials(S3rver.Credentials, S3rver.Credentials),
        new AmazonS3Config
        {
            ServiceURL = s3.ServiceUrl.ToString().TrimEnd('/'),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });

    /// <summary>Uploads <paramref name="file"/> to <paramref name="key"/>; the caller times it.</summary>
    public async Task UploadAsync(string file, string key)
    {
        var id = (await client.InitiateMultipartUploadAsync(S3rver.Bucket, key)).UploadId;
        var parts = new List<Task<PartETag>>();
        using var slots = new SemaphoreSlim(PartsInFlight);
        await using var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: true);
        for (var number = 1; ; number++)
        {
            await slots.WaitAsync();
            var buffer = ArrayPool<byte>.Shared.Rent(PartSize);
            var length = await source.ReadAtLeastAsync(buffer.AsMemory(0, PartSize), PartSize, throwOnEndOfStream: false);
            if (length == 0)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                break;
            }

            parts.Add(PutPartAsync(key, id, number, buffer, length, slots));
        }

        var tags = await Task.WhenAll(parts);
        await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = S3rver.Bucket, Key = key, UploadId = id, PartETags = [.. tags],
        });
    }

    public async Task DeleteAsync(string key) => await client.DeleteObjectAsync(S3rver.Bucket, key);

    public void Dispose() => client.Dispose();

    private async Task<PartETag> PutPartAsync(string key, string id, int number, byte[] buffer, int length, SemaphoreSlim slots)
    {
        try
        {
            await Task.Yield();
            using var body = new MemoryStream(buffer, 0, length, writable: false);
            var response = await client.UploadPartAsync(new UploadPartRequest
            {
                BucketName = S3rver.Bucket, Key = key, UploadId = id, PartNumber = number,
                InputStream = body, PartSize = length, UseChunkEncoding = false,
            });
            return new PartETag(number, response.ETag);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            slots.Release();
        }
    }
}
