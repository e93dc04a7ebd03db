using VideoPlatform.Grains.Uploads;

namespace VideoPlatform.Tests.Grains.Uploads;

[Trait("Category", "Unit")]
public sealed class UploadStateMachineTests
{
    [Theory]
    [InlineData(UploadTrigger.LastByteLanded, UploadStatus.Completed)]
    [InlineData(UploadTrigger.Terminate, UploadStatus.Terminated)]
    [InlineData(UploadTrigger.Expire, UploadStatus.Expired)]
    public void Fire_FromActive_MovesToFinalStatus(UploadTrigger trigger, UploadStatus expected) =>
        Assert.Equal(expected, UploadStateMachine.Fire(UploadStatus.Active, trigger));

    [Fact]
    public void Fire_FromAnyFinalStatus_Throws()
    {
        foreach (var from in new[] { UploadStatus.Completed, UploadStatus.Terminated, UploadStatus.Expired })
        {
            foreach (var trigger in Enum.GetValues<UploadTrigger>())
            {
                Assert.False(UploadStateMachine.CanFire(from, trigger));
                Assert.Throws<InvalidOperationException>(() => UploadStateMachine.Fire(from, trigger));
            }
        }
    }

    [Theory]
    [InlineData(UploadStatus.Active, false)]
    [InlineData(UploadStatus.Completed, false)]
    [InlineData(UploadStatus.Terminated, true)]
    [InlineData(UploadStatus.Expired, true)]
    public void IsGone_OnlyTerminatedAndExpired(UploadStatus status, bool gone) => Assert.Equal(gone, UploadStateMachine.IsGone(status));
}
