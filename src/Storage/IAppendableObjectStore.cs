namespace VideoPlatform.Storage;

/// <summary>
/// A store that can grow an object in place (the FileSystem store). S3 cannot; callers that find a store without this
/// capability fall back to multipart uploads. Appended objects are work in progress: readers may see them partial.
/// </summary>
public interface IAppendableObjectStore
{
    /// <summary>
    /// Writes <paramref name="content"/> into <paramref name="key"/> from <paramref name="offset"/> on, first cutting off
    /// anything the object held beyond it (bytes of an earlier write that was never acknowledged); offset 0 creates the
    /// object. When <paramref name="content"/> fails midway the bytes read before stay written: <see cref="IObjectStore.HeadAsync"/>
    /// tells how many. Returns the object's length afterwards.
    /// </summary>
    Task<long> AppendAsync(string key, long offset, Stream content, CancellationToken cancellationToken = default);

    /// <summary>Publishes the object at <paramref name="key"/> as <paramref name="targetKey"/> (replacing it) without copying its bytes.</summary>
    Task<ObjectInfo> MoveAsync(string key, string targetKey, string? contentType = null, CancellationToken cancellationToken = default);
}
