using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

/// <summary>
/// The server side of the simple handshake. S0+S1+S2 go out as soon as C0+C1 are in, before C2: ffmpeg reads S2
/// before it writes C2. C2 is consumed but not checked. Bytes after C2 stay in the buffer for the chunk reader.
/// </summary>
public sealed class RtmpHandshake
{
    public const byte Version = 3;
    public const int PacketSize = 1536;
    private const int RandomSize = PacketSize - 8;

    private readonly uint serverTime;
    private readonly byte[] random;
    private RtmpHandshakeStage stage = RtmpHandshakeStage.AwaitingC0C1;

    /// <param name="serverTime">Our uptime in milliseconds, sent as S1's time field.</param>
    /// <param name="random">The 1528 random bytes of S1.</param>
    public RtmpHandshake(uint serverTime, ReadOnlySpan<byte> random)
    {
        if (random.Length != RandomSize)
        {
            throw new ArgumentException($"S1 needs exactly {RandomSize} random bytes.", nameof(random));
        }

        this.serverTime = serverTime;
        this.random = random.ToArray();
    }

    public bool IsCompleted => stage == RtmpHandshakeStage.Completed;

    public static RtmpHandshake Create(uint serverTime) => new(serverTime, RandomNumberGenerator.GetBytes(RandomSize));

    /// <summary>Consumes what it can of <paramref name="buffer"/> and writes the server's packets to <paramref name="output"/>.</summary>
    /// <returns>True once C2 has been consumed.</returns>
    /// <exception cref="RtmpProtocolException">C0 is not version 3 (RTMPE's 6 included).</exception>
    public bool Advance(ref ReadOnlySequence<byte> buffer, IBufferWriter<byte> output)
    {
        if (stage == RtmpHandshakeStage.AwaitingC0C1)
        {
            // Checked on the first byte so garbage is refused without waiting for 1537 bytes.
            if (buffer.Length > 0 && buffer.FirstSpan[0] != Version)
            {
                throw new RtmpProtocolException(RtmpProtocolError.UnsupportedHandshakeVersion, $"C0 version {buffer.FirstSpan[0]}");
            }

            if (buffer.Length < 1 + PacketSize)
            {
                return false;
            }

            WriteServerPackets(buffer.Slice(1, PacketSize), output);
            buffer = buffer.Slice(1 + PacketSize);
            stage = RtmpHandshakeStage.AwaitingC2;
        }

        if (stage == RtmpHandshakeStage.AwaitingC2 && buffer.Length >= PacketSize)
        {
            buffer = buffer.Slice(PacketSize);
            stage = RtmpHandshakeStage.Completed;
        }

        return IsCompleted;
    }

    private void WriteServerPackets(ReadOnlySequence<byte> c1, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(1 + (2 * PacketSize))[..(1 + (2 * PacketSize))];
        span[0] = Version;
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], serverTime);
        span.Slice(5, 4).Clear();
        random.CopyTo(span[9..]);
        c1.CopyTo(span[(1 + PacketSize)..]);
        output.Advance(span.Length);
    }
}
