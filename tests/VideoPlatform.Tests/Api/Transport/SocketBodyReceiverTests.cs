using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Win32.SafeHandles;
using VideoPlatform.Api.Transport;

namespace VideoPlatform.Tests.Api.Transport;

/// <summary>Large bodies taken over from Kestrel's socket: every byte in order, whatever the client does.</summary>
[Trait("Category", "Integration")]
public sealed class SocketBodyReceiverTests
{
    private const long MinBytes = 4L << 20;

    // Each body-taking test runs twice: spliced in the kernel (no checksum) and received through a buffer that a hash sees.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task LargeBody_ArrivesWhole_AndTheConnectionIsClosedAfterwards(bool hashed)
    {
        await using var sink = await DirectSink.StartAsync(MinBytes, hashed: hashed);
        var bytes = RandomBytes(24 << 20);
        using var http = new HttpClient { BaseAddress = sink.Address };

        using var response = await http.PutAsync(new Uri("/sink", UriKind.Relative), new ByteArrayContent(bytes));
        var stored = await File.ReadAllBytesAsync(sink.File);
        var taken = sink.Last!;
        // The same client goes on, on a new connection.
        using var next = await http.PutAsync(new Uri("/sink", UriKind.Relative), new ByteArrayContent(bytes[..1000]));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.True(response.Headers.ConnectionClose, "a taken-over body must end its connection");
        Assert.Equal(bytes, stored);
        Assert.Equal(!hashed, taken.Spliced);
        Assert.Equal(hashed ? SHA256.HashData(bytes) : null, taken.Sha256);
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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SlowClient_SendingInSmallStepsWithPauses_ArrivesWhole(bool hashed)
    {
        await using var sink = await DirectSink.StartAsync(MinBytes, hashed: hashed);
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
        Assert.Equal(!hashed, sink.Last.Spliced);
        Assert.Equal(hashed ? SHA256.HashData(bytes) : null, sink.Last.Sha256);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(sink.File));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ClientHangsUpMidBody_TheBodyFails_AndKeepsEveryByteThatArrived(bool hashed)
    {
        await using var sink = await DirectSink.StartAsync(MinBytes, hashed: hashed);
        var bytes = RandomBytes(24 << 20);
        // Not a multiple of a page or of a write: bytes staged for the next aligned write must still be kept.
        const int Sent = (9 << 20) + 12345;
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
        Assert.Equal(hashed ? SHA256.HashData(bytes.AsSpan(0, Sent)) : null, outcome.Sha256);
        // The rest of the body was reserved past the file's end (its size still says what arrived), for a resumption.
        Assert.True(await AllocatedBytesAsync(sink.File) >= bytes.Length, "the body's blocks were not reserved");
    }

    [Fact]
    public async Task BodyThroughKestrel_ClientHangsUpMidBody_KeepsEveryByteThatArrived()
    {
        // Too small to be taken over: Kestrel's reads are written up to page boundaries, the rest kept for the next.
        await using var sink = await DirectSink.StartAsync(64L << 20);
        var bytes = RandomBytes(6 << 20);
        const int Sent = (3 << 20) + 12345;
        using (var socket = await ConnectAsync(sink, bytes.Length))
        {
            await socket.SendAsync(bytes.AsMemory(0, Sent));
            await Task.Delay(300);
            socket.Shutdown(SocketShutdown.Both);
        }

        var outcome = await WaitForOutcomeAsync(sink);

        Assert.False(outcome.Eligible);
        Assert.NotNull(outcome.Failure);
        Assert.Equal(Sent, outcome.BytesRead);
        Assert.Equal(bytes[..Sent], await File.ReadAllBytesAsync(sink.File));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BodyLongerThanTheLimit_StopsAtTheLimit(bool hashed)
    {
        const long Limit = 10L << 20;
        await using var sink = await DirectSink.StartAsync(MinBytes, Limit, hashed);
        var bytes = RandomBytes(16 << 20);
        using var http = new HttpClient { BaseAddress = sink.Address };

        using var response = await http.PutAsync(new Uri("/sink", UriKind.Relative), new ByteArrayContent(bytes));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(sink.Last!.TooLarge);
        Assert.True(new FileInfo(sink.File).Length <= Limit, "nothing beyond the limit is written");
        var stored = await File.ReadAllBytesAsync(sink.File);
        Assert.Equal(bytes[..stored.Length], stored);
        // Every byte the body took before the chunk that ran past the limit is written.
        Assert.Equal(sink.Last!.BytesRead, stored.Length);
    }

    [Fact]
    public async Task ScatteredSmallPackets_FillThePipeBeforeItsWrite_AndStillArriveWhole()
    {
        await using var sink = await DirectSink.StartAsync(MinBytes);
        var source = RandomBytes(16 << 20);
        var path = Path.Combine(Path.GetTempPath(), $"vp-scattered-{Guid.NewGuid():N}.bin");
        await File.WriteAllBytesAsync(path, source);
        try
        {
            // 2 MiB in one piece (Kestrel's part and the start of the taken-over one), then 100-byte pieces from a
            // different page each: the kernel queues every piece as its own page fragment, so a pipe's slots fill long
            // before its bytes do.
            var pieces = new List<(long Offset, int Length)> { (0, 2 << 20) };
            pieces.AddRange(Enumerable.Range(0, 3000).Select(i => ((2L << 20) + (i * 4096L) + 7, 100)));
            pieces.Add((14L << 20, 2 << 20));
            var expected = pieces.SelectMany(p => source.AsSpan((int)p.Offset, p.Length).ToArray()).ToArray();
            using var socket = await ConnectAsync(sink, expected.Length);
            socket.NoDelay = true;
            using (var file = File.OpenHandle(path))
            {
                foreach (var (offset, length) in pieces)
                {
                    SendFileRange(socket, file, offset, length);
                }
            }

            var status = await ReadStatusAsync(socket);

            Assert.Equal("HTTP/1.1 204 No Content", status);
            Assert.True(sink.Last!.Spliced);
            Assert.True(sink.Last.EarlyWrites > 0, "the pipe never filled before its write was due: the scenario did not happen");
            Assert.Equal(expected, await File.ReadAllBytesAsync(sink.File));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void SendFileRange(Socket socket, SafeFileHandle file, long offset, int length)
    {
        while (length > 0)
        {
            var sent = SendFile((int)socket.Handle, (int)file.DangerousGetHandle(), ref offset, (nuint)length);
            if (sent < 0 && Marshal.GetLastPInvokeError() == EAGAIN)
            {
                // The runtime made the socket non-blocking: wait until the receiver has made room.
                Assert.True(socket.Poll(TimeSpan.FromSeconds(10), SelectMode.SelectWrite), "the receiver stopped taking bytes");
                continue;
            }

            if (sent <= 0)
            {
                throw new IOException($"sendfile failed (errno {Marshal.GetLastPInvokeError()})");
            }

            length -= (int)sent;
        }
    }

    private const int EAGAIN = 11;

    [DllImport("libc", EntryPoint = "sendfile", SetLastError = true)]
    private static extern nint SendFile(int socket, int file, ref long offset, nuint count);

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
