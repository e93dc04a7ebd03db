using System.Net.Sockets;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;
using VideoPlatform.Api.Transport;

namespace VideoPlatform.Tests.Api.Transport;

/// <summary>Which requests may have their body taken from the socket.</summary>
[Trait("Category", "Unit")]
public sealed class DirectBodyReceiveTests : IDisposable
{
    private const long MinBytes = 1000;

    private readonly Socket socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public void Dispose() => socket.Dispose();

    [Fact]
    public void PlainHttp11_LargeBody_OnASocket_IsTakenOver()
    {
        var receiver = Receive().For(Context(), MinBytes);

        Assert.NotNull(receiver);
        Assert.Equal(MinBytes, receiver.BodyLength);
    }

    [Theory]
    [InlineData("off")]
    [InlineData("small")]
    [InlineData("unknown length")]
    [InlineData("http/2")]
    [InlineData("https")]
    [InlineData("no socket")]
    [InlineData("transport pauses elsewhere")]
    public void OtherRequests_GoThroughKestrel(string why)
    {
        var context = Context(socketFeature: why != "no socket");
        var minBytes = why == "off" ? 0 : MinBytes;
        var transport = new SocketTransportOptions { MaxReadBufferSize = SocketBodyReceiver.TransportPauseBytes };
        switch (why)
        {
            case "small":
                context.Request.ContentLength = MinBytes - 1;
                break;
            case "unknown length":
                context.Request.ContentLength = null;
                break;
            case "http/2":
                context.Request.Protocol = "HTTP/2";
                break;
            case "https":
                context.Request.Scheme = "https";
                break;
            case "transport pauses elsewhere":
                transport.MaxReadBufferSize = 4L << 20;
                break;
        }

        Assert.Null(new DirectBodyReceive(Options.Create(transport)).For(context, minBytes));
    }

    [Fact]
    public void CanTakeOver_OnlyOnceThePauseIsCertain_AndMoreIsToCome()
    {
        var receiver = Receive().For(Context(length: 10L << 20), MinBytes)!;
        const long Pause = SocketBodyReceiver.TransportPauseBytes;

        Assert.True(receiver.CanTakeOver(Pause, Pause + 5000));
        Assert.False(receiver.CanTakeOver(Pause - 1, 3 * Pause));
        Assert.False(receiver.CanTakeOver(Pause, 10L << 20));
        Assert.True(receiver.MoreToCome((10L << 20) - 1));
        Assert.False(receiver.MoreToCome(10L << 20));
    }

    private static DirectBodyReceive Receive() =>
        new(Options.Create(new SocketTransportOptions { MaxReadBufferSize = SocketBodyReceiver.TransportPauseBytes }));

    private DefaultHttpContext Context(bool socketFeature = true, long length = MinBytes)
    {
        var context = new DefaultHttpContext();
        context.Request.Protocol = "HTTP/1.1";
        context.Request.Scheme = "http";
        context.Request.ContentLength = length;
        if (socketFeature)
        {
            context.Features.Set<IConnectionSocketFeature>(new SocketFeature(socket));
        }

        return context;
    }

    private sealed class SocketFeature(Socket socket) : IConnectionSocketFeature
    {
        public Socket Socket => socket;
    }
}
