using VideoPlatform.Api.Analytics;
using VideoPlatform.Api.Contracts;

namespace VideoPlatform.Tests.Api.Analytics;

[Trait("Category", "Unit")]
public sealed class PlaybackBatchValidationTests
{
    private const string Session = "abcdef0123456789";
    private const double Duration = 60;
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);

    private static PlaybackEventRequest Event(string type = "heartbeat", double position = 10, DateTimeOffset? at = null) =>
        new(type, at ?? Now.AddSeconds(-5), position, "720p", null, null, null);

    private static string? CodeOf(PlaybackBatchRequest request) => PlaybackBatchValidation.Validate(request, Duration, Now).Problem?.Code;

    [Theory]
    [InlineData("teleport", 10, "invalid_event_type")]
    [InlineData("1", 10, "invalid_event_type")]
    [InlineData("play", -1, "invalid_position")]
    [InlineData("play", 65.5, "invalid_position")]
    [InlineData("play", 1e12, "invalid_position")]
    [InlineData("play", double.NaN, "invalid_position")]
    public void Validate_BadEvent_RefusedWithCode(string type, double position, string code) =>
        Assert.Equal(code, CodeOf(new PlaybackBatchRequest(Session, 0, [Event(), Event(type, position)])));

    [Fact]
    public void Validate_101Events_Refused() =>
        Assert.Equal("too_many_events", CodeOf(new PlaybackBatchRequest(Session, 0, Enumerable.Range(0, 101).Select(_ => Event()).ToList())));

    [Theory]
    [InlineData(null)]
    [InlineData("short")]
    [InlineData("has spaces in it, sixteen+")]
    public void Validate_BadSessionId_Refused(string? session) =>
        Assert.Equal("invalid_session", CodeOf(new PlaybackBatchRequest(session, 0, [Event()])));

    [Theory]
    [InlineData(-25 * 3600)]
    [InlineData(3600)]
    public void Validate_TimeOutsideTheLastDay_Refused(int offsetSeconds) =>
        Assert.Equal("invalid_event_time", CodeOf(new PlaybackBatchRequest(Session, 0, [Event(at: Now.AddSeconds(offsetSeconds))])));

    [Fact]
    public void Validate_EmptyBatchOrNegativeSequence_Refused()
    {
        Assert.Equal("invalid_events", CodeOf(new PlaybackBatchRequest(Session, 0, [])));
        Assert.Equal("invalid_sequence", CodeOf(new PlaybackBatchRequest(Session, -1, [Event()])));
    }

    [Fact]
    public void Validate_RetriedBatch_GetsTheSameIds()
    {
        var request = new PlaybackBatchRequest(Session, 7, [Event("play", 0), Event("heartbeat", 5)]);

        var first = PlaybackBatchValidation.Validate(request, Duration, Now).Events!;
        var retry = PlaybackBatchValidation.Validate(request, Duration, Now.AddSeconds(30)).Events!;

        Assert.Equal([$"{Session}:7:0", $"{Session}:7:1"], first.Select(e => e.EventId));
        Assert.Equal(first.Select(e => e.EventId), retry.Select(e => e.EventId));
        Assert.True(first[0].Order < first[1].Order);
    }

    [Fact]
    public void Validate_UnknownDuration_AcceptsPositionsUpToADay() =>
        Assert.Null(PlaybackBatchValidation.Validate(new PlaybackBatchRequest(Session, null, [Event("play", 3600)]), 0, Now).Problem);
}
