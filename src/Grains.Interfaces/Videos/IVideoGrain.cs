namespace VideoPlatform.Grains.Videos;

/// <summary>One video and its lifecycle (see <see cref="VideoStateMachine"/>). Keyed by the short video id.</summary>
[Alias("VideoPlatform.IVideoGrain")]
public interface IVideoGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task<VideoDetails> Create(CreateVideo command);

    /// <summary>Null when the video was never created.</summary>
    [Alias("Get"), ReadOnly]
    Task<VideoDetails?> Get();

    [Alias("Update")]
    Task<VideoDetails> Update(VideoPatch patch);

    /// <summary>Created → Uploading (idempotent for the same upload id).</summary>
    [Alias("BeginUpload")]
    Task<VideoDetails> BeginUpload(string uploadId);

    [Alias("ReportUploadProgress"), OneWay]
    Task ReportUploadProgress(int percent);

    /// <summary>Uploading (or Created, for a one-request upload) → Uploaded, then enqueues transcoding.</summary>
    [Alias("CompleteUpload")]
    Task<VideoDetails> CompleteUpload(UploadedSource source);

    [Alias("StartProcessing")]
    Task StartProcessing(string jobId);

    [Alias("ReportProcessingProgress")]
    Task ReportProcessingProgress(int percent);

    /// <summary>
    /// Still Processing, but the ladder is growing in the store under <paramref name="masterKey"/>: the video can be
    /// watched from its start while it encodes. Cleared when a new attempt starts or processing fails.
    /// </summary>
    [Alias("ProcessingPlayable")]
    Task ProcessingPlayable(string masterKey);

    /// <summary>Still Processing, but its growing ladder is no longer served: the attempt that wrote it failed.</summary>
    [Alias("WithdrawPlayback")]
    Task WithdrawPlayback();

    [Alias("CompleteProcessing")]
    Task CompleteProcessing(TranscodeOutput output);

    /// <summary>Created → Ready for a live recording the media pool already packaged under its key prefix (idempotent).</summary>
    [Alias("ImportRecording")]
    Task ImportRecording(TranscodeOutput output);

    /// <summary>Uploading/Uploaded/Processing → Failed with a reason.</summary>
    [Alias("Fail")]
    Task Fail(VideoFailure failure);

    /// <summary>Any → Deleted: cancels transcoding and removes every object of the video.</summary>
    [Alias("Delete")]
    Task Delete();
}
