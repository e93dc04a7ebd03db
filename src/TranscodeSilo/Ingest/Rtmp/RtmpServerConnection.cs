using System.Buffers;

namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

/// <summary>
/// One server-side connection as pure code: handshake, chunk reader, session and chunk writer glued together.
/// The socket layer feeds received bytes, writes <c>output</c> to the socket and carries out the returned actions
/// (key validation, media, end of publish, close); replies are already serialized into <c>output</c>.
/// </summary>
public sealed class RtmpServerConnection(RtmpProtocolOptions options, RtmpHandshake handshake)
{
    private readonly RtmpChunkReader reader = new(options);
    private readonly RtmpChunkWriter writer = new();
    private long bytesBeforePublish;

    public RtmpSessionStateMachine Session { get; } = new(options);

    /// <param name="buffer">Received bytes; on return the part not consumed yet (an incomplete chunk).</param>
    /// <exception cref="RtmpProtocolException">The peer broke the protocol: close the connection.</exception>
    public IReadOnlyList<RtmpAction> Receive(ref ReadOnlySequence<byte> buffer, IBufferWriter<byte> output)
    {
        var actions = new List<RtmpAction>();
        var before = buffer.Length;
        if (Session.State == RtmpSessionState.Closed)
        {
            buffer = buffer.Slice(buffer.End);
            return actions;
        }

        if (!handshake.IsCompleted)
        {
            if (!handshake.Advance(ref buffer, output))
            {
                return actions;
            }

            Session.OnHandshakeCompleted();
        }

        var unread = buffer.Length;
        while (Session.State != RtmpSessionState.Closed)
        {
            var authorised = Session.State == RtmpSessionState.Publishing;
            reader.AssemblyLimit = authorised ? options.MaxAssemblyBytes : (int)Math.Max(0, options.MaxBytesBeforePublish - bytesBeforePublish);
            var read = reader.TryReadMessage(ref buffer, out var message);
            if (!authorised)
            {
                CountBeforePublish(unread - buffer.Length);
            }

            unread = buffer.Length;
            if (!read)
            {
                break;
            }

            Route(Session.OnMessage(message!), actions, output);
        }

        Route(Session.OnBytesReceived(before - buffer.Length), actions, output);
        return actions;
    }

    public IReadOnlyList<RtmpAction> Decide(RtmpKeyDecision decision, IBufferWriter<byte> output)
    {
        var actions = new List<RtmpAction>();
        Route(Session.OnKeyDecision(decision), actions, output);
        return actions;
    }

    public IReadOnlyList<RtmpAction> Disconnected() => Session.OnDisconnected();

    private void Route(IReadOnlyList<RtmpAction> produced, List<RtmpAction> remaining, IBufferWriter<byte> output)
    {
        foreach (var action in produced)
        {
            if (action is RtmpSendAction send)
            {
                writer.Write(send.Message, output);
            }
            else
            {
                remaining.Add(action);
            }
        }
    }

    private void CountBeforePublish(long consumed)
    {
        bytesBeforePublish += consumed;
        if (bytesBeforePublish > options.MaxBytesBeforePublish)
        {
            throw new RtmpProtocolException(RtmpProtocolError.TooMuchBeforePublish,
                $"{bytesBeforePublish} bytes before publish exceed {options.MaxBytesBeforePublish}");
        }
    }
}
