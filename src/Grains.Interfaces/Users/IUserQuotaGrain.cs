namespace VideoPlatform.Grains.Users;

/// <summary>
/// One user's quota accounting, keyed by user id: bytes stored per video, the uploads in flight and the videos
/// created in the last day. The limits come with each call (the Api knows the caller's role: admins pass
/// <see cref="QuotaLimits.None"/>); the counts are kept whatever the limits.
/// </summary>
[Alias("VideoPlatform.IUserQuotaGrain")]
public interface IUserQuotaGrain : IGrainWithStringKey
{
    /// <summary>Counts a new video against the per-day limit; throws <see cref="QuotaExceededException"/> over it.</summary>
    [Alias("ReserveVideo")]
    Task ReserveVideo(QuotaLimits limits);

    /// <summary>
    /// Takes an upload slot until <paramref name="until"/> (an upload's expiry: a slot whose end is never reported
    /// frees itself then), claiming <paramref name="claimedBytes"/> of the stored-bytes quota. Throws
    /// <see cref="QuotaExceededException"/> when the concurrent uploads or the bytes would go over. Returns the
    /// bytes still free after the claim (<see cref="long.MaxValue"/> without a limit). Idempotent per slot.
    /// </summary>
    [Alias("BeginUpload")]
    Task<long> BeginUpload(string slotId, long claimedBytes, DateTimeOffset until, QuotaLimits limits);

    /// <summary>The upload finished, failed, expired or was terminated: its slot and claim are freed.</summary>
    [Alias("EndUpload")]
    Task EndUpload(string slotId);

    /// <summary>What a video holds in the store now (source and renditions); 0 forgets it (deleted).</summary>
    [Alias("SetVideoBytes")]
    Task SetVideoBytes(string videoId, long bytes);

    [Alias("GetUsage"), ReadOnly]
    Task<QuotaUsage> GetUsage();
}
