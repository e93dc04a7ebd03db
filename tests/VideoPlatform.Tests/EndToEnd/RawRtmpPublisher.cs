using System.Buffers;
using System.Net.Sockets;
using System.Text;
using VideoPlatform.Tests.TranscodeSilo.Ingest.Rtmp;
using VideoPlatform.TranscodeSilo.Ingest.Rtmp;

namespace VideoPlatform.Tests.EndToEnd;

/// <summary>
/// A hand-driven RTMP client on a raw socket: handshake and commands as ffmpeg sends them, then whatever bytes a
/// hostile publisher likes. Knows when the server closed the connection.
/// </summary>
internal sealed class RawRtmpPublisher : IAsyncDisposable
{
    private readonly TcpClient client = new();
    private readonly RtmpChunkWriter writer = new();
    private readonly StringBuilder received = new();
    private NetworkStream stream = null!;
    private Task reading = Task.CompletedTask;

    /// <summary>Completes when the server closes the connection.</summary>
    public Task Closed => reading;

    public static async Task<RawRtmpPublisher> ConnectAsync(int port, string? key)
    {
        var publisher = new RawRtmpPublisher();
        await publisher.client.ConnectAsync("127.0.0.1", port);
        publisher.stream = publisher.client.GetStream();
        publisher.reading = publisher.ReadUntilClosedAsync();
        var hello = new RtmpBytes().Raw([3, .. new byte[2 * RtmpHandshake.PacketSize]])
            .Message(publisher.writer, RtmpControlMessages.SetChunkSize(65536))
            .Message(publisher.writer, RtmpTestMessages.Connect("live"))
            .Message(publisher.writer, RtmpTestMessages.Command(RtmpCommandNames.CreateStream, 2));
        if (key is not null)
        {
            hello.Message(publisher.writer, RtmpTestMessages.Publish(key));
        }

        await publisher.stream.WriteAsync(hello.ToArray());
        return publisher;
    }

    /// <summary>Waits for NetStream.Publish.Start (the key was accepted).</summary>
    public Task<bool> PublishingAsync(TimeSpan timeout) =>
        Fixtures.Eventually.WaitAsync(() => Task.FromResult(Received.Contains("NetStream.Publish.Start", StringComparison.Ordinal)), timeout, TimeSpan.FromMilliseconds(50));

    private string Received
    {
        get
        {
            lock (received)
            {
                return received.ToString();
            }
        }
    }

    /// <summary>Sends one message through the chunk writer (chunks of 64 KiB).</summary>
    public Task<bool> SendAsync(RtmpMessage message)
    {
        var bytes = new ArrayBufferWriter<byte>(message.Payload.Length + 1024);
        writer.Write(message, bytes);
        return SendRawAsync(bytes.WrittenMemory);
    }

    /// <returns>False once the server has closed the connection (the write failed).</returns>
    public async Task<bool> SendRawAsync(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            await stream.WriteAsync(bytes);
            return !reading.IsCompleted;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private async Task ReadUntilClosedAsync()
    {
        await Task.Yield();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                lock (received)
                {
                    if (received.Length < 64 * 1024)
                    {
                        received.Append(Encoding.Latin1.GetString(buffer, 0, read));
                    }
                }
            }
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await reading;
    }
}
