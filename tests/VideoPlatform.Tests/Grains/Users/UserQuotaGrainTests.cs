using Microsoft.Extensions.Time.Testing;
using VideoPlatform.Grains.Users;

namespace VideoPlatform.Tests.Grains.Users;

/// <summary>Quota accounting: what is over a limit, and what gives room back (deletes, ended uploads, time).</summary>
[Trait("Category", "Unit")]
public sealed class UserQuotaGrainTests
{
    private static readonly QuotaLimits Limits = new() { StoredBytes = 1000, VideosPerDay = 2, ConcurrentUploads = 2 };
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly MemoryState<UserQuotaState> state = new();

    private UserQuotaGrain NewGrain() => new(state, time);

    private DateTimeOffset InAnHour => time.GetUtcNow() + TimeSpan.FromHours(1);

    [Fact]
    public async Task ReserveVideo_OverThePerDayLimit_ThrowsUntilTheOldestIsADayOld()
    {
        var grain = NewGrain();
        await grain.ReserveVideo(Limits);
        time.Advance(TimeSpan.FromHours(6));
        await grain.ReserveVideo(Limits);

        var refused = await Assert.ThrowsAsync<QuotaExceededException>(() => grain.ReserveVideo(Limits));
        time.Advance(TimeSpan.FromHours(18));
        await grain.ReserveVideo(Limits);

        Assert.Equal(Quotas.VideosPerDay, refused.Quota);
        Assert.Equal(2, refused.Limit);
        Assert.Equal(TimeSpan.FromHours(18), refused.RetryAfter);
        Assert.Equal(2, (await grain.GetUsage()).VideosToday);
    }

    [Fact]
    public async Task BeginUpload_OverTheConcurrentLimit_ThrowsUntilOneEndsOrRunsOut()
    {
        var grain = NewGrain();
        await grain.BeginUpload("a", 10, InAnHour, Limits);
        await grain.BeginUpload("b", 10, time.GetUtcNow() + TimeSpan.FromHours(2), Limits);

        var refused = await Assert.ThrowsAsync<QuotaExceededException>(() => grain.BeginUpload("c", 10, InAnHour, Limits));
        await grain.EndUpload("a");
        await grain.BeginUpload("c", 10, InAnHour, Limits);
        await Assert.ThrowsAsync<QuotaExceededException>(() => grain.BeginUpload("d", 10, InAnHour, Limits));
        // A slot whose end is never reported (its Api died) frees itself at its own end.
        time.Advance(TimeSpan.FromMinutes(61));
        await grain.BeginUpload("d", 10, InAnHour, Limits);

        Assert.Equal(Quotas.ConcurrentUploads, refused.Quota);
        Assert.Equal(2, refused.Limit);
        Assert.NotNull(refused.RetryAfter);
        Assert.Equal(2, (await grain.GetUsage()).ConcurrentUploads);
    }

    [Fact]
    public async Task BeginUpload_OverStoredBytes_ThrowsWithoutRetryAfterUntilAVideoIsDeleted()
    {
        var grain = NewGrain();
        await grain.SetVideoBytes("v1", 600);
        await grain.BeginUpload("a", 300, InAnHour, Limits);

        var refused = await Assert.ThrowsAsync<QuotaExceededException>(() => grain.BeginUpload("b", 200, InAnHour, Limits));
        await grain.SetVideoBytes("v1", 0);
        var free = await grain.BeginUpload("b", 200, InAnHour, Limits);

        Assert.Equal(Quotas.StoredBytes, refused.Quota);
        Assert.Equal(1000, refused.Limit);
        Assert.Null(refused.RetryAfter);
        Assert.Equal(700, free);
        Assert.Equal(new QuotaUsage(0, 500, 0, 2), await grain.GetUsage());
    }

    [Fact]
    public async Task SetVideoBytes_ReportedAgain_CountsOnce()
    {
        var grain = NewGrain();
        await grain.SetVideoBytes("v1", 400);
        await grain.SetVideoBytes("v1", 400);
        await grain.SetVideoBytes("v1", 900);

        Assert.Equal(900, (await grain.GetUsage()).StoredBytes);
        await Assert.ThrowsAsync<QuotaExceededException>(() => grain.BeginUpload("a", 101, InAnHour, Limits));
    }

    [Fact]
    public async Task NoLimits_NothingIsRefusedAndNoCreationIsKept()
    {
        var grain = NewGrain();
        for (var i = 0; i < 5; i++)
        {
            await grain.ReserveVideo(QuotaLimits.None);
            await grain.BeginUpload($"u{i}", 1L << 40, InAnHour, QuotaLimits.None);
        }

        Assert.Empty(state.State.Created);
        Assert.Equal(5, (await grain.GetUsage()).ConcurrentUploads);
    }
}
