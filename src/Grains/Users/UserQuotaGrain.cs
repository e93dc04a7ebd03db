namespace VideoPlatform.Grains.Users;

/// <summary>
/// One user's quota accounting. Bytes are kept per video (set, not added, so a repeated report cannot count twice);
/// upload slots carry their own end, so a slot whose end is never reported (a crashed Api) frees itself; creations
/// are kept for one day and only while a limit applies, so the state stays as small as the limits.
/// </summary>
public sealed class UserQuotaGrain([PersistentState("quota")] IPersistentState<UserQuotaState> state, TimeProvider time) : Grain, IUserQuotaGrain
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private UserQuotaState S => state.State;

    public async Task ReserveVideo(QuotaLimits limits)
    {
        if (limits.VideosPerDay is not { } limit)
        {
            return;
        }

        var now = time.GetUtcNow();
        S.Created.RemoveAll(at => at <= now - Day);
        if (S.Created.Count >= limit)
        {
            throw new QuotaExceededException(Quotas.VideosPerDay, limit, S.Created.Min() + Day - now);
        }

        S.Created.Add(now);
        await state.WriteStateAsync();
    }

    public async Task<long> BeginUpload(string slotId, long claimedBytes, DateTimeOffset until, QuotaLimits limits)
    {
        var now = time.GetUtcNow();
        Prune(now);
        if (!S.Uploads.ContainsKey(slotId))
        {
            if (limits.ConcurrentUploads is { } concurrent && S.Uploads.Count >= concurrent)
            {
                throw new QuotaExceededException(Quotas.ConcurrentUploads, concurrent, S.Uploads.Values.Min(u => u.Until) - now);
            }

            if (limits.StoredBytes is { } stored && Used() + claimedBytes > stored)
            {
                throw new QuotaExceededException(Quotas.StoredBytes, stored, retryAfter: null);
            }

            S.Uploads[slotId] = new UploadSlot(claimedBytes, until);
            await state.WriteStateAsync();
        }

        return limits.StoredBytes is { } limit ? Math.Max(0, limit - Used() + S.Uploads[slotId].ClaimedBytes) : long.MaxValue;
    }

    public async Task EndUpload(string slotId)
    {
        if (S.Uploads.Remove(slotId))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task SetVideoBytes(string videoId, long bytes)
    {
        var changed = bytes > 0
            ? !S.VideoBytes.TryGetValue(videoId, out var before) || before != bytes
            : S.VideoBytes.ContainsKey(videoId);
        if (!changed)
        {
            return;
        }

        if (bytes > 0)
        {
            S.VideoBytes[videoId] = bytes;
        }
        else
        {
            S.VideoBytes.Remove(videoId);
        }

        await state.WriteStateAsync();
    }

    public Task<QuotaUsage> GetUsage()
    {
        var now = time.GetUtcNow();
        var live = S.Uploads.Values.Where(u => u.Until > now).ToList();
        return Task.FromResult(new QuotaUsage(
            S.VideoBytes.Values.Sum(), live.Sum(u => u.ClaimedBytes), S.Created.Count(at => at > now - Day), live.Count));
    }

    /// <summary>Bytes stored plus bytes claimed by uploads in flight.</summary>
    private long Used() => S.VideoBytes.Values.Sum() + S.Uploads.Values.Sum(u => u.ClaimedBytes);

    private void Prune(DateTimeOffset now)
    {
        foreach (var expired in S.Uploads.Where(u => u.Value.Until <= now).Select(u => u.Key).ToList())
        {
            S.Uploads.Remove(expired);
        }
    }
}

[GenerateSerializer, Immutable, Alias("VideoPlatform.UploadSlot")]
public sealed record UploadSlot([property: Id(0)] long ClaimedBytes, [property: Id(1)] DateTimeOffset Until);

[GenerateSerializer, Alias("VideoPlatform.UserQuotaState")]
public sealed class UserQuotaState
{
    [Id(0)] public Dictionary<string, long> VideoBytes { get; set; } = [];
    [Id(1)] public Dictionary<string, UploadSlot> Uploads { get; set; } = [];
    [Id(2)] public List<DateTimeOffset> Created { get; set; } = [];
}
