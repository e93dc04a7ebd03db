using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using VideoPlatform.Storage;

namespace VideoPlatform.Infrastructure.Storage.S3;

/// <summary>
/// Objects in one S3 bucket. What <see cref="S3Bucket"/> does not turn into a result or a contract exception (a missing
/// object, a bad range, an unknown upload) leaves as <see cref="ObjectStoreUnavailableException"/>, so that no caller
/// (grains above all) has to know an AWS type.
/// </summary>
public sealed class S3ObjectStore(IAmazonS3 client, string bucket, TimeProvider time) : IObjectStore
{
    private readonly S3Bucket s3 = new(client, bucket, time);

    public string Bucket => bucket;

    public static S3ObjectStore Create(S3ObjectStoreSettings settings, TimeProvider time) =>
        new(settings.CreateClient(), settings.Bucket, time);

    /// <summary>Like <see cref="Create"/>, optionally creating the bucket first (laptops, tests, fresh MinIO).</summary>
    public static async Task<S3ObjectStore> CreateAsync(
        S3ObjectStoreSettings settings, TimeProvider time, bool createBucketIfMissing, CancellationToken cancellationToken = default)
    {
        var store = Create(settings, time);
        if (createBucketIfMissing)
        {
            await store.EnsureBucketAsync(cancellationToken);
        }

        return store;
    }

    public Task EnsureBucketAsync(CancellationToken cancellationToken = default) => Guard(() => s3.EnsureBucketAsync(cancellationToken));

    public Task<ObjectInfo> PutAsync(string key, Stream content, string? contentType = null, CancellationToken cancellationToken = default) =>
        Guard(() => s3.PutAsync(key, content, contentType, cancellationToken));

    public Task<ObjectContent?> GetAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default) =>
        Guard(() => s3.GetAsync(key, range, cancellationToken));

    public Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken = default) => Guard(() => s3.HeadAsync(key, cancellationToken));

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) => Guard(() => s3.DeleteAsync(key, cancellationToken));

    public Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default) =>
        Guard(() => s3.DeletePrefixAsync(prefix, cancellationToken));

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var items = s3.ListAsync(prefix, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (await Guard(() => items.MoveNextAsync().AsTask()))
        {
            yield return items.Current;
        }
    }

    public Task<string> InitiateMultipartAsync(string key, string? contentType = null, CancellationToken cancellationToken = default) =>
        Guard(() => s3.InitiateMultipartAsync(key, contentType, cancellationToken));

    public Task<MultipartPart> PutPartAsync(
        string key, string uploadId, int partNumber, Stream content, long length, CancellationToken cancellationToken = default) =>
        Guard(() => s3.PutPartAsync(key, uploadId, partNumber, content, length, cancellationToken));

    public Task<ObjectInfo> CompleteMultipartAsync(
        string key, string uploadId, IReadOnlyList<MultipartPart> parts, CancellationToken cancellationToken = default) =>
        Guard(() => s3.CompleteMultipartAsync(key, uploadId, parts, cancellationToken));

    public Task AbortMultipartAsync(string key, string uploadId, CancellationToken cancellationToken = default) =>
        Guard(() => s3.AbortMultipartAsync(key, uploadId, cancellationToken));

    public Task CheckAsync(CancellationToken cancellationToken = default) => Guard(() => s3.CheckAsync(cancellationToken));

    private static async Task Guard(Func<Task> call) => await Guard(async () =>
    {
        await call();
        return true;
    });

    private static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is AmazonServiceException or AmazonClientException or HttpRequestException or SocketException)
        {
            throw new ObjectStoreUnavailableException($"S3 request failed: {ex.Message}", ex);
        }
    }
}
