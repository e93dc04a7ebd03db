namespace VideoPlatform.Grains.Videos;

[GenerateSerializer, Alias("VideoPlatform.VideoStatus")]
public enum VideoStatus
{
    Created,
    Uploading,
    Uploaded,
    Processing,
    Ready,
    Failed,
    Deleted,
}

[GenerateSerializer, Alias("VideoPlatform.Visibility")]
public enum Visibility
{
    Public,
    Unlisted,
    Private,
}

/// <summary>What happened to a video; the state machine maps (status, trigger) to the next status.</summary>
[GenerateSerializer, Alias("VideoPlatform.VideoTrigger")]
public enum VideoTrigger
{
    UploadStarted,
    UploadCompleted,
    UploadFailed,
    ProcessingStarted,
    ProcessingCompleted,
    ProcessingFailed,
    Deleted,

    /// <summary>A finished live recording arrives already packaged (no transcode).</summary>
    RecordingImported,
}
