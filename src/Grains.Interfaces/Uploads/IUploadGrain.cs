namespace VideoPlatform.Grains.Uploads;

/// <summary>
/// One resumable (tus) upload, keyed by its upload id. It coordinates: it holds the offset, the storage progress and
/// the PATCH lease, while the bytes go from the Api straight to the object store and never through a grain call.
/// </summary>
[Alias("VideoPlatform.IUploadGrain")]
public interface IUploadGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the upload and moves the video to Uploading. Throws <c>VideoNotFoundException</c> for an unknown video and
    /// <c>IllegalTransitionException</c> for one that is not awaiting bytes.
    /// </summary>
    [Alias("Create")]
    Task<UploadInfo> Create(CreateUpload command);

    /// <summary>Null when no such upload was ever created. An Active upload past its expiry is expired first.</summary>
    [Alias("Get")]
    Task<UploadInfo?> Get();

    /// <summary>Takes the PATCH lease when the upload is active, <paramref name="offset"/> is current and nobody holds it.</summary>
    [Alias("BeginPatch")]
    Task<PatchGrant> BeginPatch(long offset, long? contentLength, TimeSpan lease);

    /// <summary>False when the lease is no longer the caller's (taken over, terminated, expired): stop writing.</summary>
    [Alias("RenewLease")]
    Task<bool> RenewLease(Guid token, TimeSpan lease);

    /// <summary>
    /// Records what the PATCH durably wrote and releases the lease. With <see cref="PatchCommit.SourceKey"/> the upload is
    /// complete and the video gets its source. Null when the lease was no longer the caller's (nothing recorded).
    /// </summary>
    [Alias("CommitPatch")]
    Task<UploadInfo?> CommitPatch(Guid token, PatchCommit commit);

    /// <summary>Releases the lease without recording anything (a discarded chunk).</summary>
    [Alias("ReleasePatch")]
    Task ReleasePatch(Guid token);

    /// <summary>Active → Terminated, freeing the stored bytes. Returns the status before the call (null: never created).</summary>
    [Alias("Terminate")]
    Task<UploadStatus?> Terminate();

    /// <summary>Its video was deleted: an Active upload is terminated (one-way, so the deleting video grain never waits on it).</summary>
    [Alias("VideoDeleted"), OneWay]
    Task VideoDeleted();
}
