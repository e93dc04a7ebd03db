namespace VideoPlatform.Grains.Transcoding;

public enum TranscodeJobTrigger
{
    Start,
    Succeed,
    Retry,
    GiveUp,
    Cancel,
}

/// <summary>Queued → Running(worker, lease) → Succeeded | Failed | Canceled; Running → Queued on a retry.</summary>
public static class TranscodeJobStateMachine
{
    private static readonly Dictionary<(TranscodeJobStatus, TranscodeJobTrigger), TranscodeJobStatus> Transitions = new()
    {
        [(TranscodeJobStatus.Queued, TranscodeJobTrigger.Start)] = TranscodeJobStatus.Running,
        [(TranscodeJobStatus.Queued, TranscodeJobTrigger.Cancel)] = TranscodeJobStatus.Canceled,
        [(TranscodeJobStatus.Running, TranscodeJobTrigger.Succeed)] = TranscodeJobStatus.Succeeded,
        [(TranscodeJobStatus.Running, TranscodeJobTrigger.Retry)] = TranscodeJobStatus.Queued,
        [(TranscodeJobStatus.Running, TranscodeJobTrigger.GiveUp)] = TranscodeJobStatus.Failed,
        [(TranscodeJobStatus.Running, TranscodeJobTrigger.Cancel)] = TranscodeJobStatus.Canceled,
    };

    public static TranscodeJobStatus Fire(TranscodeJobStatus from, TranscodeJobTrigger trigger) =>
        Transitions.TryGetValue((from, trigger), out var to)
            ? to
            : throw new InvalidOperationException($"A {from} transcode job cannot take '{trigger}'");

    public static IEnumerable<(TranscodeJobStatus From, TranscodeJobTrigger Trigger, TranscodeJobStatus To)> All =>
        Transitions.Select(t => (t.Key.Item1, t.Key.Item2, t.Value));
}
