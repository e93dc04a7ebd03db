using System.Buffers;

namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

/// <summary>Reads the message header of one chunk (fmt 0-3) against the chunk stream's previous header.</summary>
internal static class ChunkHeaderReader
{
    private const uint ExtendedMarker = 0xFFFFFF;
    private static readonly int[] HeaderLengths = [11, 7, 3, 0];

    /// <returns>False when more bytes are needed; nothing about the stream has changed then.</returns>
    public static bool TryRead(ref SequenceReader<byte> reader, int format, ChunkHeader previous, bool newMessage, out ChunkHeader header)
    {
        header = previous;
        if (reader.Remaining < HeaderLengths[format])
        {
            return false;
        }

        if (format == 3)
        {
            return TryReadContinuation(ref reader, previous, newMessage, out header);
        }

        var field = ByteReading.ReadUInt24(ref reader);
        var (length, type, streamId) = (previous.Length, previous.Type, previous.StreamId);
        if (format <= 1)
        {
            length = (int)ByteReading.ReadUInt24(ref reader);
            reader.TryRead(out var typeByte);
            type = (RtmpMessageType)typeByte;
        }

        if (format == 0)
        {
            reader.TryReadLittleEndian(out int id);
            streamId = unchecked((uint)id);
        }

        var extended = field == ExtendedMarker;
        if (extended)
        {
            if (reader.Remaining < 4)
            {
                return false;
            }

            field = ByteReading.ReadUInt32(ref reader);
        }

        // After fmt 0 the "delta" a later fmt 3 adds is the fmt 0 field itself (26 -> 52).
        var timestamp = format == 0 ? field : unchecked(previous.Timestamp + field);
        header = new ChunkHeader(timestamp, field, length, type, streamId, extended, field);
        return true;
    }

    private static bool TryReadContinuation(ref SequenceReader<byte> reader, ChunkHeader previous, bool newMessage, out ChunkHeader header)
    {
        header = previous;
        if (!previous.Extended)
        {
            if (newMessage)
            {
                header = previous with { Timestamp = unchecked(previous.Timestamp + previous.Delta) };
            }

            return true;
        }

        if (newMessage)
        {
            if (reader.Remaining < 4)
            {
                return false;
            }

            var delta = ByteReading.ReadUInt32(ref reader);
            header = previous with { Timestamp = unchecked(previous.Timestamp + delta), Delta = delta, ExtendedValue = delta };
            return true;
        }

        // ffmpeg repeats the extended timestamp on continuation chunks, OBS does not: consume the 4 bytes only when
        // they equal the stored value. Fewer than 4 bytes that already differ need no wait.
        switch (RepeatsExtendedValue(reader, previous.ExtendedValue))
        {
            case null:
                return false;
            case true:
                reader.Advance(4);
                break;
        }

        return true;
    }

    /// <returns>Null when the bytes so far match but are not all there yet.</returns>
    private static bool? RepeatsExtendedValue(in SequenceReader<byte> reader, uint extendedValue)
    {
        Span<byte> expected = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(expected, extendedValue);
        var available = (int)Math.Min(4, reader.Remaining);
        Span<byte> actual = stackalloc byte[available];
        reader.TryCopyTo(actual);
        if (!actual.SequenceEqual(expected[..available]))
        {
            return false;
        }

        return available == 4 ? true : null;
    }
}
