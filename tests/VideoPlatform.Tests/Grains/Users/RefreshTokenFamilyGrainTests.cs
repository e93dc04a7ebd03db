using Microsoft.Extensions.Time.Testing;
using VideoPlatform.Grains.Users;

namespace VideoPlatform.Tests.Grains.Users;

/// <summary>A login ends at its absolute lifetime however often it is refreshed; replay memory is bounded.</summary>
[Trait("Category", "Unit")]
public sealed class RefreshTokenFamilyGrainTests
{
    private static readonly TimeSpan Sliding = TimeSpan.FromDays(30);
    private static readonly TimeSpan Absolute = TimeSpan.FromDays(90);
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly MemoryState<RefreshTokenFamilyState> state = new();

    private RefreshTokenFamilyGrain NewGrain() => new(state, time);

    [Fact]
    public async Task Rotate_RefreshedEveryWeek_StopsAtTheAbsoluteLifetime()
    {
        var grain = NewGrain();
        await grain.Start("user", "h0", time.GetUtcNow() + Sliding, time.GetUtcNow() + Absolute);
        var current = "h0";
        var refreshed = 0;
        for (var week = 1; week <= 20; week++)
        {
            time.Advance(TimeSpan.FromDays(7));
            var next = $"h{week}";
            if (await grain.Rotate(current, next, time.GetUtcNow() + Sliding, 64) is null)
            {
                break;
            }

            current = next;
            refreshed++;
        }

        // Weeks 1..12 fall before day 90; week 13 (day 91) is past it.
        Assert.Equal(12, refreshed);
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), state.State.ExpiresAt);
    }

    [Fact]
    public async Task Rotate_ManyTimes_KeepsOnlyTheNewestUsedHashes()
    {
        var grain = NewGrain();
        await grain.Start("user", "h0", time.GetUtcNow() + Sliding, time.GetUtcNow() + Absolute);
        for (var i = 1; i <= 200; i++)
        {
            Assert.Equal("user", await grain.Rotate($"h{i - 1}", $"h{i}", time.GetUtcNow() + Sliding, 16));
        }

        Assert.Equal(16, state.State.Used.Count);
        Assert.Empty(state.State.UsedHashes);
        Assert.Null(await grain.Rotate("h0", "x", time.GetUtcNow() + Sliding, 16));
        Assert.False(state.State.Revoked);
        Assert.Null(await grain.Rotate("h199", "x", time.GetUtcNow() + Sliding, 16));
        Assert.True(state.State.Revoked);
    }

    [Fact]
    public async Task Rotate_FamilyFromBeforeTheAbsoluteLifetime_StopsSlidingAtItsExpiry()
    {
        state.State = new RefreshTokenFamilyState
        {
            UserId = "user",
            CurrentHash = "h0",
            ExpiresAt = time.GetUtcNow() + Sliding,
            UsedHashes = ["old"],
        };
        var grain = NewGrain();

        Assert.Equal("user", await grain.Rotate("h0", "h1", time.GetUtcNow() + TimeSpan.FromDays(60), 16));

        Assert.Equal(time.GetUtcNow() + Sliding, state.State.ExpiresAt);
        Assert.Equal(["old", "h0"], state.State.Used);
    }
}
