using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using VideoPlatform.Api.Transport;

namespace VideoPlatform.Tests.Api.Transport;

/// <summary>Large bodies taken over from Kestrel's socket: every byte in order, whatever the client does.</summary>
public sealed class SocketBodyReceiverTests
{
    private const long MinBytes = 4L << 20;

    [Fact]
    public async Task LargeBody_ArrivesWhole_AndTheConnectionIsClosedAfterwards()
    {
        await using var sink = await DirectSink.StartAsync(MinBytes);
        var bytes = RandomBytes(24 << 20);
        using var http = new HttpClient { BaseAddress = sink.Address };

        using var response = await http.PutAsync(new Uri("/sink", UriKind.Relative), new ByteArrayContent(bytes));
        var stored = await File.ReadAllBytesAsync(sink.File);
        // The same client goes on, on a new connection.
        using var next = await http.PutAsync(new Uri("/sink", UriKind.Relative), new ByteArrayContent(bytes[..1000]));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.True(response.Headers.ConnectionClose, "a taken-over body must end its connection");
        Assert.Equal(bytes, stored);
        Assert.Equal(HttpStatusCode.NoContent, next.StatusCode);
        Assert.False(next.Headers.ConnectionClose ?? false);
    }

    [Fact]
    public async Task BodyBelowTheThreshold_GoesThroughKestrel_AndKeepsTheConnection()
    {
        await using var sink = await DirectSink.StartAsync(MinBytes);
        var bytes = RandomBytes((int)MinBytes - 1);
        using var http = new HttpClient { BaseAddress = sink.Address };

        using var response = await http.PutAsync(new Uri("/sink", UriKind.Relative), new ByteArrayContent(bytes));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.False(sink.Last!.Eligible);
        Assert.False(response.Headers.ConnectionClose ?? false);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(sink.File));
    }

    [Fact]
    public async Task SlowClient_SendingInSmallStepsWithPauses_ArrivesWhole()
    {
        await using var sink = await DirectSink.StartAsync(MinBytes);
        var bytes = RandomBytes(12 << 20);
        using var socket = await ConnectAsync(sink, bytes.Length);

        // Steps well below Kestrel's 1 MiB pause, with pauses between them: the hand-over has to wait for it.
        var sent = 0;
        foreach (var step in new[] { 1, 100_000, 300_000, 64_000, 700_000 })
        {
            await socket.SendAsync(bytes.AsMemory(sent, step));
            sent += step;
            await Task.Delay(150);
        }

        await socket.SendAsync(bytes.AsMemory(sent));
        var status = await ReadStatusAsync(socket);

        Assert.Equal("HTTP/1.1 204 No Content", status);
        Assert.True(sink.Last!.Eligible);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(sink.File));
    }

    [Fact]
    public async Task ClientHangsUpMidBody_TheBodyFails_AndKeepsEveryByteThatArrived()
    {
        await using var sink = await DirectSink.StartAsync(MinBytes);
        var bytes = RandomBytes(24 << 20);
        const int Sent = 9 << 20;
        using (var socket = await ConnectAsync(sink, bytes.Length))
        {
            await socket.SendAsync(bytes.AsMemory(0, Sent));
            await Task.Delay(300);
            socket.Shutdown(SocketShutdown.Both);
        }

        var outcome = await WaitForOutcomeAsync(sink);

        Assert.True(outcome.Eligible);
        Assert.IsType<BodyReceiveException>(outcome.Failure);
        Assert.Equal(Sent, outcome.BytesRead);
        Assert.Equal(bytes[..Sent], await File.ReadAllBytesAsync(sink.File));
        // The rest of the body was reserved past the file's end (its size still says what arrived), for a resumption.
        Assert.True(await AllocatedBytesAsync(sink.File) >= bytes.Length, "the body's blocks were not reserved");
    }

    [Fact]
    public async Task BodyLongerThanTheLimit_StopsAtTheLimit()
    {
        const long Limit = 10L << 20;
        await using var sink = await DirectSink.StartAsync(MinBytes, Limit);
        var bytes = RandomBytes(16 << 20);
        using var http = new HttpClient { BaseAddress = sink.Address };

        using var response = await http.PutAsync(new Uri("/sink", UriKind.Relative), new ByteArrayContent(bytes));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(sink.Last!.TooLarge);
        Assert.True(new FileInfo(sink.File).Length <= Limit, "nothing beyond the limit is written");
        var stored = await File.ReadAllBytesAsync(sink.File);
        Assert.Equal(bytes[..stored.Length], stored);
    }

    private static async Task<Socket> ConnectAsync(DirectSink sink, int length)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, sink.Address.Port);
        var head = $"PUT /sink HTTP/1.1\r\nHost: {sink.Address.Authority}\r\nContent-Length: {length.ToString(CultureInfo.InvariantCulture)}\r\n\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(head));
        return socket;
    }

    private static async Task<string> ReadStatusAsync(Socket socket)
    {
        var buffer = new byte[4096];
        var read = await socket.ReceiveAsync(buffer).WaitAsync(TimeSpan.FromSeconds(20));
        return Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")[0];
    }

    private static async Task<SinkOutcome> WaitForOutcomeAsync(DirectSink sink)
    {
        for (var i = 0; i < 100 && sink.Last is null; i++)
        {
            await Task.Delay(100);
        }

        return sink.Last ?? throw new TimeoutException("the sink never finished the request");
    }

    private static async Task<long> AllocatedBytesAsync(string file)
    {
        using var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["--format=%b %B", file])
        {
            RedirectStandardOutput = true,
        })!;
        var fields = (await stat.StandardOutput.ReadToEndAsync()).Split(' ', StringSplitOptions.TrimEntries);
        await stat.WaitForExitAsync();
        return long.Parse(fields[0], CultureInfo.InvariantCulture) * long.Parse(fields[1], CultureInfo.InvariantCulture);
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
