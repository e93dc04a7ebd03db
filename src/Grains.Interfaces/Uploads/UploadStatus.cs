using VideoPlatform.Grains.Platform;

namespace VideoPlatform.Grains.Uploads;

[GenerateSerializer, Alias("VideoPlatform.UploadStatus")]
public enum UploadStatus
{
    Active,
    Completed,
    Terminated,
    Expired,
}

[GenerateSerializer, Alias("VideoPlatform.UploadTrigger")]
public enum UploadTrigger
{
    LastByteLanded,
    Terminate,
    Expire,
}

/// <summary>Only an Active upload changes; the other statuses are final.</summary>
public static class UploadStateMachine
{
    public static readonly TransitionTable<UploadStatus, UploadTrigger> Table = new("upload")
    {
        { UploadStatus.Active, UploadTrigger.LastByteLanded, UploadStatus.Completed },
        { UploadStatus.Active, UploadTrigger.Terminate, UploadStatus.Terminated },
        { UploadStatus.Active, UploadTrigger.Expire, UploadStatus.Expired },
    };

    /// <summary>Gone for the client (tus answers 410): terminated or expired.</summary>
    public static bool IsGone(UploadStatus status) => status is UploadStatus.Terminated or UploadStatus.Expired;
}
