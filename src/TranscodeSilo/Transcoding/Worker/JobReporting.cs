namespace VideoPlatform.TranscodeSilo.Transcoding.Worker;

/// <summary>What a running worker sends its job grain on a tick.</summary>
public enum JobReport
{
    /// <summary>Progress only (in memory on the job and the video): cheap, so it goes every tick.</summary>
    Progress,

    /// <summary>Progress and a lease renewal (a state write), a third of a lease after the last one.</summary>
    Renew,
}

/// <summary>The running worker's cadence: a report every tick, a renewal every third of the lease (at least 200 ms).</summary>
public static class JobReporting
{
    public static TimeSpan RenewEvery(TimeSpan lease) => TimeSpan.FromTicks(Math.Max(lease.Ticks / 3, TimeSpan.FromMilliseconds(200).Ticks));

    public static JobReport Next(TimeSpan sinceRenewal, TimeSpan lease) =>
        sinceRenewal >= RenewEvery(lease) ? JobReport.Renew : JobReport.Progress;

    /// <summary>The tick: the report interval, but never longer than the renewal period.</summary>
    public static TimeSpan Tick(TimeSpan progressInterval, TimeSpan lease) =>
        progressInterval < RenewEvery(lease) ? progressInterval : RenewEvery(lease);
}
