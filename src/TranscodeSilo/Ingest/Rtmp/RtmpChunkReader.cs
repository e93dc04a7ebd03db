using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

/// <summary>
/// Turns inbound chunk stream bytes into whole messages. Incremental: a chunk is consumed only when it is complete,
/// so any split of the input works. Applies Set Chunk Size and Abort itself (they change how later bytes parse).
/// </summary>
public sealed class RtmpChunkReader(RtmpProtocolOptions options)
{
    private readonly Dictionary<int, ChunkStream> streams = [];

    public int ChunkSize { get; private set; } = RtmpProtocolOptions.InitialChunkSize;

    /// <summary>
    /// Declared bytes that messages in progress over all chunk streams may add up to, counting the one that starts;
    /// <see cref="RtmpProtocolOptions.MaxAssemblyBytes"/> unless the caller tightens it (before publish).
    /// </summary>
    public int AssemblyLimit { get; set; } = options.MaxAssemblyBytes;

    /// <summary>Reads chunks from <paramref name="buffer"/> until one message is complete.</summary>
    /// <param name="buffer">On return, the unconsumed rest.</param>
    /// <exception cref="RtmpProtocolException">The bytes break the protocol or a limit.</exception>
    public bool TryReadMessage(ref ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out RtmpMessage? message)
    {
        while (true)
        {
            var reader = new SequenceReader<byte>(buffer);
            if (!TryReadChunk(ref reader, out message))
            {
                return false;
            }

            buffer = buffer.Slice(reader.Position);
            if (message is not null)
            {
                Apply(message);
                return true;
            }
        }
    }

    private bool TryReadChunk(ref SequenceReader<byte> reader, out RtmpMessage? message)
    {
        message = null;
        if (!RtmpBasicHeader.TryRead(ref reader, out var format, out var id))
        {
            return false;
        }

        var stream = Find(format, id);
        var newMessage = stream.Remaining == 0;
        if (format != 3 && !newMessage)
        {
            throw new RtmpProtocolException(RtmpProtocolError.MessageInterrupted, $"fmt {format} chunk on csid {id} inside a message");
        }

        if (!ChunkHeaderReader.TryRead(ref reader, format, stream.Header, newMessage, out var header))
        {
            return false;
        }

        if (newMessage)
        {
            Check(header);
        }

        var remaining = newMessage ? header.Length : stream.Remaining;
        var take = Math.Min(ChunkSize, remaining);
        if (reader.Remaining < take)
        {
            return false;
        }

        var payload = reader.UnreadSequence.Slice(0, take);
        reader.Advance(take);
        message = stream.Accept(header, remaining, payload);
        streams.TryAdd(id, stream);
        return true;
    }

    private ChunkStream Find(int format, int id)
    {
        if (streams.TryGetValue(id, out var stream))
        {
            return stream;
        }

        if (format != 0)
        {
            throw new RtmpProtocolException(RtmpProtocolError.HeaderWithoutPreviousMessage, $"fmt {format} chunk opens csid {id}");
        }

        if (streams.Count >= options.MaxChunkStreams)
        {
            throw new RtmpProtocolException(RtmpProtocolError.TooManyChunkStreams, $"csid {id} exceeds {options.MaxChunkStreams} chunk streams");
        }

        // Added to the map only once its first chunk is complete.
        return new ChunkStream(id);
    }

    private void Check(ChunkHeader header)
    {
        if (!RtmpMessageTypes.IsKnown(header.Type))
        {
            throw new RtmpProtocolException(RtmpProtocolError.UnknownMessageType, $"message type {(int)header.Type}");
        }

        var cap = RtmpMessageTypes.IsMedia(header.Type) ? options.MaxMediaMessageSize : options.MaxControlMessageSize;
        if (header.Length > cap)
        {
            throw new RtmpProtocolException(RtmpProtocolError.MessageTooLarge, $"{header.Type} of {header.Length} bytes exceeds {cap}");
        }

        // Checked on the declared lengths, so a message is refused before any of its bytes are held.
        var inProgress = streams.Values.Where(s => s.Remaining > 0).Sum(s => (long)s.Header.Length);
        if (inProgress + header.Length > AssemblyLimit)
        {
            throw new RtmpProtocolException(RtmpProtocolError.MessageTooLarge,
                $"{header.Type} of {header.Length} bytes with {inProgress} bytes in progress exceeds {AssemblyLimit}");
        }
    }

    private void Apply(RtmpMessage message)
    {
        switch (message.Type)
        {
            case RtmpMessageType.SetChunkSize:
                ChunkSize = RtmpControlMessages.ReadChunkSize(message.Payload.Span, options);
                break;
            case RtmpMessageType.Abort when message.Payload.Length >= 4:
                var id = BinaryPrimitives.ReadUInt32BigEndian(message.Payload.Span);
                if (id <= RtmpBasicHeader.MaxChunkStreamId && streams.TryGetValue((int)id, out var aborted))
                {
                    aborted.Drop();
                }

                break;
            case RtmpMessageType.Abort:
                throw new RtmpProtocolException(RtmpProtocolError.MalformedControlMessage, "Abort shorter than 4 bytes");
        }
    }
}
