using VideoPlatform.Grains.Transcoding;

namespace VideoPlatform.Tests.Grains.Transcoding;

[Trait("Category", "Unit")]
public sealed class TranscodeJobStateMachineTests
{
    [Theory]
    [InlineData(TranscodeJobStatus.Queued, TranscodeJobTrigger.Start, TranscodeJobStatus.Running)]
    [InlineData(TranscodeJobStatus.Queued, TranscodeJobTrigger.Cancel, TranscodeJobStatus.Canceled)]
    [InlineData(TranscodeJobStatus.Running, TranscodeJobTrigger.Succeed, TranscodeJobStatus.Succeeded)]
    [InlineData(TranscodeJobStatus.Running, TranscodeJobTrigger.Retry, TranscodeJobStatus.Queued)]
    [InlineData(TranscodeJobStatus.Running, TranscodeJobTrigger.GiveUp, TranscodeJobStatus.Failed)]
    [InlineData(TranscodeJobStatus.Running, TranscodeJobTrigger.Cancel, TranscodeJobStatus.Canceled)]
    public void Fire_Allowed_ReturnsNext(TranscodeJobStatus from, TranscodeJobTrigger trigger, TranscodeJobStatus to)
    {
        Assert.Equal(to, TranscodeJobStateMachine.Fire(from, trigger));
    }

    [Fact]
    public void Fire_EveryOtherPair_Throws()
    {
        var allowed = TranscodeJobStateMachine.All.Select(t => (t.From, t.Trigger)).ToHashSet();
        Assert.Equal(6, allowed.Count);
        foreach (var status in Enum.GetValues<TranscodeJobStatus>())
        {
            foreach (var trigger in Enum.GetValues<TranscodeJobTrigger>().Where(t => !allowed.Contains((status, t))))
            {
                Assert.Throws<InvalidOperationException>(() => TranscodeJobStateMachine.Fire(status, trigger));
            }
        }
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    public void Backoff_DoublesPerAttempt(int attempts, int seconds)
    {
        var settings = new TranscodeJobSettings { BackoffBase = TimeSpan.FromSeconds(5) };
        Assert.Equal(TimeSpan.FromSeconds(seconds), settings.Backoff(attempts));
    }
}
