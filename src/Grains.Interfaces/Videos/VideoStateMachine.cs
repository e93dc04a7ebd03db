using VideoPlatform.Grains.Platform;

namespace VideoPlatform.Grains.Videos;

/// <summary>
/// Created → Uploading → Uploaded → Processing → Ready; Failed from Uploading/Processing; Deleted from anywhere, terminal.
/// </summary>
public static class VideoStateMachine
{
    public static readonly TransitionTable<VideoStatus, VideoTrigger> Table = new("video")
    {
        { VideoStatus.Created, VideoTrigger.UploadStarted, VideoStatus.Uploading },
        { VideoStatus.Created, VideoTrigger.UploadCompleted, VideoStatus.Uploaded },
        { VideoStatus.Created, VideoTrigger.Deleted, VideoStatus.Deleted },
        { VideoStatus.Created, VideoTrigger.RecordingImported, VideoStatus.Ready },

        { VideoStatus.Uploading, VideoTrigger.UploadStarted, VideoStatus.Uploading },
        { VideoStatus.Uploading, VideoTrigger.UploadCompleted, VideoStatus.Uploaded },
        { VideoStatus.Uploading, VideoTrigger.UploadFailed, VideoStatus.Failed },
        { VideoStatus.Uploading, VideoTrigger.Deleted, VideoStatus.Deleted },

        { VideoStatus.Uploaded, VideoTrigger.ProcessingStarted, VideoStatus.Processing },
        { VideoStatus.Uploaded, VideoTrigger.Deleted, VideoStatus.Deleted },

        // A retried job (worker lost, lease expired) starts again while the video is already processing.
        { VideoStatus.Processing, VideoTrigger.ProcessingStarted, VideoStatus.Processing },
        { VideoStatus.Processing, VideoTrigger.ProcessingCompleted, VideoStatus.Ready },
        { VideoStatus.Processing, VideoTrigger.ProcessingFailed, VideoStatus.Failed },
        { VideoStatus.Processing, VideoTrigger.Deleted, VideoStatus.Deleted },

        { VideoStatus.Ready, VideoTrigger.Deleted, VideoStatus.Deleted },
        { VideoStatus.Failed, VideoTrigger.Deleted, VideoStatus.Deleted },
    };
}
