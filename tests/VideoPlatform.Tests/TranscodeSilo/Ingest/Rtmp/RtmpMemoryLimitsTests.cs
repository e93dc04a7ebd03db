using VideoPlatform.TranscodeSilo.Ingest.Rtmp;
using static VideoPlatform.Tests.TranscodeSilo.Ingest.Rtmp.RtmpTestMessages;

namespace VideoPlatform.Tests.TranscodeSilo.Ingest.Rtmp;

/// <summary>Bytes a connection may make the server hold: before its key is accepted, and in messages still being assembled.</summary>
[Trait("Category", "Unit")]
public sealed class RtmpMemoryLimitsTests
{
    private static readonly RtmpChunkWriter Writer = new();

    [Fact]
    public void BigMessageBeforePublish_RefusedAtItsHeader()
    {
        var driver = new ConnectionDriver(int.MaxValue);
        driver.Feed(new RtmpBytes().Raw(Handshake()).Message(Writer, Connect("live")).Message(Writer, Command(RtmpCommandNames.CreateStream, 2)).ToArray());
        // 2 MiB declared, only the header and one chunk sent: the declared length alone is refused.
        var header = new RtmpBytes().Fmt0(4, 0, 2 * 1024 * 1024, RtmpMessageType.Video, 1).Fill(128, 0x17).ToArray();

        var error = Assert.Throws<RtmpProtocolException>(() => driver.Feed(header));

        Assert.Equal(RtmpProtocolError.MessageTooLarge, error.Error);
    }

    [Fact]
    public void ManySmallMessagesBeforePublish_RefusedPastTheBudget()
    {
        var options = RtmpProtocolOptions.Default with { MaxBytesBeforePublish = 64 * 1024 };
        var driver = new ConnectionDriver(int.MaxValue, options);
        driver.Feed(new RtmpBytes().Raw(Handshake()).Message(Writer, Connect("live")).ToArray());
        var audio = new RtmpBytes();
        for (var i = 0; i < 100; i++)
        {
            audio.Message(Writer, Media(RtmpMessageType.Audio, (uint)i, new byte[1000]));
        }

        var error = Assert.Throws<RtmpProtocolException>(() => driver.Feed(audio.ToArray()));

        // Whichever comes first: the message that would not fit in what is left, or the bytes already past it.
        Assert.Contains(error.Error, new[] { RtmpProtocolError.MessageTooLarge, RtmpProtocolError.TooMuchBeforePublish });
    }

    [Fact]
    public void AfterPublish_MessagesInProgressOnManyChunkStreams_BoundedInTotal()
    {
        var options = RtmpProtocolOptions.Default with { MaxAssemblyBytes = 3 * 1024 * 1024 };
        var driver = Publishing(options);
        // Each stream opens a 1 MiB message and sends only its first chunk: the fourth one would pass 3 MiB in progress.
        var opened = new RtmpBytes();
        for (var csid = 5; csid < 9; csid++)
        {
            opened.Fmt0(csid, 0, 1024 * 1024, RtmpMessageType.Video, 1).Fill(128, 0x17);
        }

        var error = Assert.Throws<RtmpProtocolException>(() => driver.Feed(opened.ToArray()));

        Assert.Equal(RtmpProtocolError.MessageTooLarge, error.Error);
    }

    [Fact]
    public void AfterPublish_BigKeyFramesStillPass()
    {
        var driver = Publishing(RtmpProtocolOptions.Default);
        var frame = new byte[3 * 1024 * 1024];
        frame[0] = 0x17;

        driver.Feed(new RtmpBytes().Message(Writer, Media(RtmpMessageType.Video, 0, frame)).Message(Writer, Media(RtmpMessageType.Video, 40, frame)).ToArray());

        Assert.Equal(2, driver.Actions.OfType<RtmpDeliverMediaAction>().Count());
    }

    private static ConnectionDriver Publishing(RtmpProtocolOptions options)
    {
        var driver = new ConnectionDriver(int.MaxValue, options);
        driver.Feed(new RtmpBytes().Raw(Handshake()).Message(Writer, Connect("live")).Message(Writer, Command(RtmpCommandNames.CreateStream, 2))
            .Message(Writer, Publish("someKey_1")).ToArray());
        driver.Decide(RtmpKeyDecision.Accept);
        Assert.Equal(RtmpSessionState.Publishing, driver.Connection.Session.State);
        return driver;
    }

    private static byte[] Handshake() => [3, .. new byte[RtmpHandshake.PacketSize], .. new byte[RtmpHandshake.PacketSize]];
}
