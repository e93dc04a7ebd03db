using System.Buffers;

namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

/// <summary>Per chunk stream id state: the last header and the message being reassembled.</summary>
internal sealed class ChunkStream(int id)
{
    private MessageAssembly? partial;

    public int Id { get; } = id;

    public ChunkHeader Header { get; private set; }

    /// <summary>Bytes still expected for the message in progress; 0 when the next chunk starts a new message.</summary>
    public int Remaining { get; private set; }

    /// <summary>Commits one parsed chunk.</summary>
    /// <returns>The message when this chunk completed it.</returns>
    public RtmpMessage? Accept(ChunkHeader header, int remaining, ReadOnlySequence<byte> payload)
    {
        Header = header;
        if (remaining == payload.Length && partial is null)
        {
            Remaining = 0;
            return Complete(payload.ToArray());
        }

        partial ??= new MessageAssembly();
        partial.Append(payload);
        Remaining = remaining - (int)payload.Length;
        if (Remaining > 0)
        {
            return null;
        }

        var bytes = partial.ToArray();
        Drop();
        return Complete(bytes);
    }

    /// <summary>Abort: forget the partial message; the header stays for compression.</summary>
    public void Drop()
    {
        partial?.Dispose();
        partial = null;
        Remaining = 0;
    }

    private RtmpMessage Complete(byte[] payload) =>
        new(Id, Header.Type, Header.Timestamp, Header.StreamId, payload);
}
