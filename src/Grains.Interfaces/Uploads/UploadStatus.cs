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

/// <summary>The upload lifecycle in one table: only an Active upload changes; the other statuses are final.</summary>
public static class UploadStateMachine
{
    private static readonly Dictionary<(UploadStatus From, UploadTrigger Trigger), UploadStatus> Transitions = new()
    {
        [(UploadStatus.Active, UploadTrigger.LastByteLanded)] = UploadStatus.Completed,
        [(UploadStatus.Active, UploadTrigger.Terminate)] = UploadStatus.Terminated,
        [(UploadStatus.Active, UploadTrigger.Expire)] = UploadStatus.Expired,
    };

    public static bool CanFire(UploadStatus from, UploadTrigger trigger) => Transitions.ContainsKey((from, trigger));

    public static UploadStatus Fire(UploadStatus from, UploadTrigger trigger) =>
        Transitions.TryGetValue((from, trigger), out var to)
            ? to
            : throw new InvalidOperationException($"An upload that is {from.ToString().ToLowerInvariant()} cannot take '{trigger}'");

    /// <summary>Gone for the client (tus answers 410): terminated or expired.</summary>
    public static bool IsGone(UploadStatus status) => status is UploadStatus.Terminated or UploadStatus.Expired;
}
