using Microsoft.Win32.SafeHandles;

namespace VideoPlatform.Storage;

/// <summary>
/// Every byte the platform keeps goes through this interface. Keys are relative, '/'-separated
/// paths validated by <see cref="ObjectKey"/>. Implementations: FileSystem (default) and S3.
/// </summary>
public interface IObjectStore
{
    /// <summary>Streams <paramref name="content"/> into <paramref name="key"/>; readers never see a partial object.</summary>
    Task<ObjectInfo> PutAsync(string key, Stream content, string? contentType = null, CancellationToken cancellationToken = default);

    /// <summary>Opens the object (or a byte range of it); null when absent. Throws <see cref="ObjectRangeNotSatisfiableException"/> for a range outside the object.</summary>
    Task<ObjectContent?> GetAsync(string key, ByteRange? range = null, CancellationToken cancellationToken = default);

    Task<ObjectInfo?> HeadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes one object; true when it existed.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes every object whose key starts with <paramref name="prefix"/>; returns how many.</summary>
    Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Objects whose key starts with <paramref name="prefix"/>, in ordinal key order.</summary>
    IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken cancellationToken = default);

    Task<string> InitiateMultipartAsync(string key, string? contentType = null, CancellationToken cancellationToken = default);

    /// <summary>Uploads part <paramref name="partNumber"/> (1..10000). Every part but the last must be ≥ 5 MiB on S3.</summary>
    Task<MultipartPart> PutPartAsync(string key, string uploadId, int partNumber, Stream content, long length, CancellationToken cancellationToken = default);

    Task<ObjectInfo> CompleteMultipartAsync(string key, string uploadId, IReadOnlyList<MultipartPart> parts, CancellationToken cancellationToken = default);

    /// <summary>Discards an unfinished multipart upload and every part stored for it.</summary>
    Task AbortMultipartAsync(string key, string uploadId, CancellationToken cancellationToken = default);

    /// <summary>Throws when the store cannot be reached (readiness).</summary>
    Task CheckAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// <paramref name="ETag"/> is an opaque, unquoted token that changes whenever the content changes (quote it for HTTP).
/// <paramref name="ContentType"/> defaults to application/octet-stream on put; it may be null in listings (S3 lists no types).
/// </summary>
public sealed record ObjectInfo(string Key, long Length, string ETag, DateTimeOffset LastModified, string? ContentType);

public sealed record MultipartPart(int PartNumber, string ETag, long Length);

/// <summary>An opened object: the caller disposes it.</summary>
public sealed class ObjectContent(ObjectInfo info, Stream stream, long offset, long length, SafeFileHandle? localFile = null)
    : IAsyncDisposable, IDisposable
{
    public ObjectInfo Info { get; } = info;
    public Stream Stream { get; } = stream;
    /// <summary>Offset of the first byte of <see cref="Stream"/> within the object.</summary>
    public long Offset { get; } = offset;
    /// <summary>Number of bytes <see cref="Stream"/> yields.</summary>
    public long Length { get; } = length;
    /// <summary>
    /// The open file behind <see cref="Stream"/> when the object is a local file (FileSystem store), so that a server
    /// can read <see cref="Length"/> bytes at <see cref="Offset"/> straight into its own buffers; null otherwise.
    /// Owned by <see cref="Stream"/>.
    /// </summary>
    public SafeFileHandle? LocalFile { get; } = localFile;

    public ValueTask DisposeAsync() => Stream.DisposeAsync();

    public void Dispose() => Stream.Dispose();
}

public sealed class ObjectRangeNotSatisfiableException(string key, long objectLength)
    : Exception($"Requested range is outside object '{key}' of {objectLength} bytes")
{
    public long ObjectLength { get; } = objectLength;
}

/// <summary>The upload id is unknown (never initiated, completed, or aborted) or belongs to another key.</summary>
public sealed class MultipartUploadNotFoundException(string key, string uploadId)
    : InvalidOperationException($"No multipart upload '{uploadId}' in progress for '{key}'");

/// <summary>A multipart completion that S3 would refuse: missing/mismatched part, wrong order, or a non-last part below the minimum size.</summary>
public sealed class InvalidMultipartException(string key, string reason)
    : InvalidOperationException($"Cannot complete multipart upload of '{key}': {reason}");

public sealed class InvalidObjectKeyException(string key, string reason)
    : ArgumentException($"Invalid object key '{key.Replace("\0", "\\0", StringComparison.Ordinal)}': {reason}");

/// <summary>
/// The store failed for a reason of its own (unreachable, credentials refused, throttled, a server error). Stores raise
/// it in place of their SDK's exceptions so that callers never see an SDK type; it is an <see cref="IOException"/>, so
/// code that survives a failed file write survives a failed store call the same way.
/// </summary>
public sealed class ObjectStoreUnavailableException(string message, Exception? innerException = null)
    : IOException(message, innerException);
