using System.Buffers;

namespace VideoPlatform.TranscodeSilo.Ingest.Rtmp;

/// <summary>Writes the FLV header and media tags to a stream (FFmpeg's stdin), one write per tag.</summary>
public sealed class FlvStreamWriter(Stream stream)
{
    private readonly ArrayBufferWriter<byte> buffer = new();

    public async ValueTask WriteHeaderAsync(bool hasAudio, bool hasVideo, CancellationToken cancellationToken)
    {
        FlvWriter.WriteHeader(buffer, hasAudio, hasVideo);
        await FlushAsync(cancellationToken);
    }

    /// <returns>False when the message is not media (nothing written).</returns>
    public async ValueTask<bool> WriteAsync(RtmpMessage message, CancellationToken cancellationToken)
    {
        if (!FlvMuxer.TryWriteTag(message, buffer))
        {
            return false;
        }

        await FlushAsync(cancellationToken);
        return true;
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await stream.WriteAsync(buffer.WrittenMemory, cancellationToken);
        buffer.ResetWrittenCount();
    }
}
