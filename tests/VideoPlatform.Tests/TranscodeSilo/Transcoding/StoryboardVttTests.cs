using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.Tests.TranscodeSilo.Transcoding;

[Trait("Category", "Unit")]
public sealed class StoryboardVttTests
{
    [Fact]
    public void Write_CuesWalkTheGridAndLastEndsAtDuration()
    {
        var plan = new StoryboardPlan(5, 160, 90, 2, 2, 3, TimeSpan.FromSeconds(12.34));

        var vtt = StoryboardVtt.Write(plan, "storyboard.jpg");

        Assert.Equal(
            "WEBVTT\n\n"
            + "00:00:00.000 --> 00:00:05.000\nstoryboard.jpg#xywh=0,0,160,90\n\n"
            + "00:00:05.000 --> 00:00:10.000\nstoryboard.jpg#xywh=160,0,160,90\n\n"
            + "00:00:10.000 --> 00:00:12.340\nstoryboard.jpg#xywh=0,90,160,90\n",
            vtt);
    }

    [Fact]
    public void Write_PastAnHour_HoursInTimestamp()
    {
        var plan = new StoryboardPlan(1800, 160, 90, 10, 1, 3, TimeSpan.FromSeconds(3700));

        var vtt = StoryboardVtt.Write(plan, "s.jpg");

        Assert.Contains("01:00:00.000 --> 01:01:40.000\ns.jpg#xywh=320,0,160,90", vtt, StringComparison.Ordinal);
    }
}
