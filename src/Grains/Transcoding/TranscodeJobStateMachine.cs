using VideoPlatform.Grains.Platform;

namespace VideoPlatform.Grains.Transcoding;

public enum TranscodeJobTrigger
{
    Start,
    Succeed,
    Retry,
    Release,
    GiveUp,
    Cancel,
}

/// <summary>Queued → Running(worker, lease) → Succeeded | Failed | Canceled; Running → Retrying → Running after a lost or handed-back attempt.</summary>
public static class TranscodeJobStateMachine
{
    public static readonly TransitionTable<TranscodeJobStatus, TranscodeJobTrigger> Table = new("transcode job")
    {
        { TranscodeJobStatus.Queued, TranscodeJobTrigger.Start, TranscodeJobStatus.Running },
        { TranscodeJobStatus.Queued, TranscodeJobTrigger.Cancel, TranscodeJobStatus.Canceled },

        { TranscodeJobStatus.Running, TranscodeJobTrigger.Succeed, TranscodeJobStatus.Succeeded },
        { TranscodeJobStatus.Running, TranscodeJobTrigger.Retry, TranscodeJobStatus.Retrying },
        { TranscodeJobStatus.Running, TranscodeJobTrigger.Release, TranscodeJobStatus.Retrying },
        { TranscodeJobStatus.Running, TranscodeJobTrigger.GiveUp, TranscodeJobStatus.Failed },
        { TranscodeJobStatus.Running, TranscodeJobTrigger.Cancel, TranscodeJobStatus.Canceled },

        { TranscodeJobStatus.Retrying, TranscodeJobTrigger.Start, TranscodeJobStatus.Running },
        { TranscodeJobStatus.Retrying, TranscodeJobTrigger.Cancel, TranscodeJobStatus.Canceled },
    };

    /// <summary>Waiting for a worker: the first attempt or the next one.</summary>
    public static bool IsWaiting(TranscodeJobStatus status) => status is TranscodeJobStatus.Queued or TranscodeJobStatus.Retrying;
}
