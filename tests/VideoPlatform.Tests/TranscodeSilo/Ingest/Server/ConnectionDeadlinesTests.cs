using Microsoft.Extensions.Time.Testing;
using VideoPlatform.TranscodeSilo.Ingest.Rtmp;
using VideoPlatform.TranscodeSilo.Ingest.Server;

namespace VideoPlatform.Tests.TranscodeSilo.Ingest.Server;

[Trait("Category", "Unit")]
public sealed class ConnectionDeadlinesTests
{
    private static LiveIngestSettings Settings(int idleSeconds = 10) => new()
    {
        HandshakeTimeout = TimeSpan.FromSeconds(10),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PublishTimeout = TimeSpan.FromSeconds(30),
        FirstMediaTimeout = TimeSpan.FromSeconds(20),
        IdleTimeout = TimeSpan.FromSeconds(idleSeconds),
    };

    [Fact]
    public void Remaining_Slowloris_HandshakeDeadlineWinsOverIdle()
    {
        var time = new FakeTimeProvider();
        var deadlines = new ConnectionDeadlines(Settings(), time);

        for (var i = 0; i < 3; i++)
        {
            time.Advance(TimeSpan.FromSeconds(3));
            deadlines.BytesReceived(); // one byte every 3 s keeps the idle limit away
        }

        Assert.Equal(TimeSpan.FromSeconds(1), deadlines.Remaining());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(deadlines.Remaining() <= TimeSpan.Zero);
    }

    [Fact]
    public void Remaining_PublishDeadline_CountsFromConnect_NotCreateStream()
    {
        var time = new FakeTimeProvider();
        var deadlines = new ConnectionDeadlines(Settings(idleSeconds: 300), time);
        deadlines.Observe(RtmpSessionState.Connected);
        time.Advance(TimeSpan.FromSeconds(20));
        deadlines.Observe(RtmpSessionState.StreamCreated);

        Assert.Equal(TimeSpan.FromSeconds(10), deadlines.Remaining());
    }

    [Fact]
    public void Remaining_Publishing_FirstMediaThenIdleOnly()
    {
        var time = new FakeTimeProvider();
        var deadlines = new ConnectionDeadlines(Settings(idleSeconds: 300), time);
        deadlines.Observe(RtmpSessionState.Publishing);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(15), deadlines.Remaining());

        deadlines.MediaReceived();
        deadlines.BytesReceived();

        Assert.Equal(TimeSpan.FromMinutes(5), deadlines.Remaining());
    }
}
