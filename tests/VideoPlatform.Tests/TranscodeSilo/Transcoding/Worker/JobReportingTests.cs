using VideoPlatform.TranscodeSilo.Transcoding.Worker;

namespace VideoPlatform.Tests.TranscodeSilo.Transcoding.Worker;

[Trait("Category", "Unit")]
public sealed class JobReportingTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(0, JobReport.Progress)]
    [InlineData(9_999, JobReport.Progress)]
    [InlineData(10_000, JobReport.Renew)]
    [InlineData(25_000, JobReport.Renew)]
    public void Next_RenewsEveryThirdOfTheLease_ReportsProgressInBetween(int sinceRenewalMs, JobReport expected) =>
        Assert.Equal(expected, JobReporting.Next(TimeSpan.FromMilliseconds(sinceRenewalMs), Lease));

    [Fact]
    public void Tick_DefaultSettings_OneSecondSoACancelStopsFfmpegWithinASecond() =>
        Assert.Equal(TimeSpan.FromSeconds(1), JobReporting.Tick(TimeSpan.FromSeconds(1), Lease));

    [Fact]
    public void Tick_LeaseShorterThanThreeIntervals_TicksAtTheRenewalPeriod() =>
        Assert.Equal(TimeSpan.FromSeconds(1), JobReporting.Tick(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(3)));

    [Fact]
    public void RenewEvery_TinyLease_AtLeast200Ms() =>
        Assert.Equal(TimeSpan.FromMilliseconds(200), JobReporting.RenewEvery(TimeSpan.FromMilliseconds(300)));

    [Fact]
    public void Ticks_Over30sJob_RenewAboutEveryTenSecondsAndReportTheRest()
    {
        var tick = JobReporting.Tick(TimeSpan.FromSeconds(1), Lease);
        var sinceRenewal = TimeSpan.Zero;
        var reports = new List<JobReport>();
        for (var elapsed = tick; elapsed <= TimeSpan.FromSeconds(30); elapsed += tick)
        {
            sinceRenewal += tick;
            var report = JobReporting.Next(sinceRenewal, Lease);
            reports.Add(report);
            if (report == JobReport.Renew)
            {
                sinceRenewal = TimeSpan.Zero;
            }
        }

        Assert.Equal(3, reports.Count(r => r == JobReport.Renew));
        Assert.Equal(27, reports.Count(r => r == JobReport.Progress));
    }
}
