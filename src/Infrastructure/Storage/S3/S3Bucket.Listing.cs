using System.Runtime.CompilerServices;
using Amazon.S3.Model;
using VideoPlatform.Storage;

namespace VideoPlatform.Infrastructure.Storage.S3;

internal sealed partial class S3Bucket
{
    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObjectKey.ValidatePrefix(prefix);
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix };
        do
        {
            var page = await client.ListObjectsV2Async(request, cancellationToken);
            foreach (var item in page.S3Objects ?? [])
            {
                yield return new ObjectInfo(item.Key, item.Size ?? 0, S3Errors.Unquote(item.ETag), ToOffset(item.LastModified), null);
            }

            request.ContinuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);
    }

    /// <summary>Deletes page by page (1000 keys per DeleteObjects call), always re-listing from the start of the prefix.</summary>
    public async Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ObjectKey.ValidatePrefix(prefix);
        var deleted = 0;
        while (true)
        {
            var page = await client.ListObjectsV2Async(
                new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, MaxKeys = 1000 }, cancellationToken);
            var keys = (page.S3Objects ?? []).Select(o => new KeyVersion { Key = o.Key }).ToList();
            if (keys.Count == 0)
            {
                return deleted;
            }

            var result = await client.DeleteObjectsAsync(
                new DeleteObjectsRequest { BucketName = bucket, Objects = keys, Quiet = true }, cancellationToken);
            if (result.DeleteErrors is { Count: > 0 } errors)
            {
                throw new IOException($"S3 refused to delete '{errors[0].Key}': {errors[0].Code} {errors[0].Message}");
            }

            deleted += keys.Count;
        }
    }
}
