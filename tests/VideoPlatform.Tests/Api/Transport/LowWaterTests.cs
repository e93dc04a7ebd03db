using System.Net;
using System.Net.Sockets;
using VideoPlatform.Api.Transport;

namespace VideoPlatform.Tests.Api.Transport;

/// <summary>The receive low-water mark as the kernel keeps it for a real TCP socket.</summary>
[Trait("Category", "Integration")]
public sealed class LowWaterTests
{
    [Fact]
    public async Task Mark_IsRaised_LoweredToWhatIsToCome_AndRestored()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!);
        using var server = await listener.AcceptAsync();

        var water = new LowWater((int)server.Handle);
        var raised = Mark(server);
        water.Lower(1L << 30); // more to come than the mark: unchanged
        var unchanged = Mark(server);
        water.Lower(5000);
        var lowered = Mark(server);
        water.Lower(9000); // never raised again by a later, larger remainder
        var kept = Mark(server);
        water.Lower(0);
        var floor = Mark(server);
        water.Restore();

        Assert.Equal(LowWater.WakeBytes, raised);
        Assert.Equal(LowWater.WakeBytes, unchanged);
        Assert.Equal(5000, lowered);
        Assert.Equal(5000, kept);
        Assert.Equal(1, floor);
        Assert.Equal(1, Mark(server));
    }

    private static int Mark(Socket socket) => (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReceiveLowWater)!;
}
