using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using VideoPlatform.Grains.Channels;
using VideoPlatform.TranscodeSilo.Ingest.Packaging;
using VideoPlatform.TranscodeSilo.Ingest.Rtmp;

namespace VideoPlatform.TranscodeSilo.Ingest.Server;

/// <summary>
/// The socket side of one RTMP connection: bytes from a <see cref="PipeReader"/> into the pure
/// <see cref="RtmpServerConnection"/>, its replies back to the socket, its actions carried out. Every read is
/// bounded by <see cref="ConnectionDeadlines"/>; any protocol error closes this connection only.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The session is disposed when RunAsync ends.")]
public sealed class RtmpConnectionHandler(Socket socket, IPAddress address, IngestServices services, PublishAuthorizer authorizer, ILogger logger)
{
    private readonly string connectionId = Guid.NewGuid().ToString("N");
    private readonly ArrayBufferWriter<byte> output = new(8192);
    private IngestSession? session;
    private SessionEnd how = SessionEnd.Dropped;

    /// <summary>True once a publish was accepted on this connection.</summary>
    public bool IsPublishing => session is not null;

    public async Task RunAsync(CancellationToken stopping)
    {
        var settings = services.Settings;
        var deadlines = new ConnectionDeadlines(settings, services.Time);
        var connection = new RtmpServerConnection(settings.Protocol(), RtmpHandshake.Create((uint)Environment.TickCount64));
        var closeReason = "peer closed";
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        try
        {
            while (true)
            {
                deadlines.Observe(connection.Session.State);
                var remaining = deadlines.Remaining();
                if (remaining <= TimeSpan.Zero)
                {
                    closeReason = $"timed out in {connection.Session.State}";
                    break;
                }

                using var timeout = new CancellationTokenSource(remaining, services.Time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, timeout.Token, session?.Aborted ?? CancellationToken.None);
                ReadResult result;
                try
                {
                    result = await reader.ReadAsync(linked.Token);
                }
                catch (OperationCanceledException)
                {
                    closeReason = stopping.IsCancellationRequested ? "node stopping" : session?.AbortReason ?? $"timed out in {connection.Session.State}";
                    break;
                }

                var buffer = result.Buffer;
                if (!buffer.IsEmpty)
                {
                    deadlines.BytesReceived();
                }

                var actions = connection.Receive(ref buffer, output);
                reader.AdvanceTo(buffer.Start, buffer.End);
                var close = await ActAsync(connection, actions, deadlines, linked.Token);
                await FlushAsync(stream, linked.Token);
                if (close is not null || result.IsCompleted)
                {
                    closeReason = close ?? "peer closed";
                    break;
                }
            }
        }
        catch (RtmpProtocolException ex)
        {
            if (ex.Error is RtmpProtocolError.MessageTooLarge or RtmpProtocolError.TooMuchBeforePublish)
            {
                services.Metrics.ClosedForLimit(ex.Error.ToString());
            }

            closeReason = $"protocol error: {ex.Message}";
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            closeReason = $"connection error: {ex.Message}";
        }
        finally
        {
            await reader.CompleteAsync();
            // The publisher is cut now; finishing the session (last segments, the channel's answer) may take a while.
            await stream.DisposeAsync();
            logger.LogInformation("RTMP {Connection} from {Address} closed: {Reason}", connectionId, address, closeReason);
            await EndSessionAsync(stopping.IsCancellationRequested);
        }
    }

    /// <returns>A reason when the connection must close now, else null.</returns>
    private async Task<string?> ActAsync(RtmpServerConnection connection, IReadOnlyList<RtmpAction> actions, ConnectionDeadlines deadlines, CancellationToken cancellationToken)
    {
        var pending = new Queue<RtmpAction>(actions);
        while (pending.TryDequeue(out var action))
        {
            switch (action)
            {
                case RtmpValidateKeyAction validate:
                    foreach (var next in await ValidateAsync(connection, validate.StreamKey))
                    {
                        pending.Enqueue(next);
                    }

                    break;
                case RtmpDeliverMediaAction media when session is not null:
                    deadlines.MediaReceived();
                    if (!session.Offer(media.Message))
                    {
                        services.Metrics.ClosedForLimit("queued_media_bytes");
                        return $"more than {services.Settings.MaxQueuedMediaBytes} media bytes waiting for FFmpeg";
                    }

                    break;
                case RtmpPublishEndedAction:
                    how = SessionEnd.Unpublished;
                    break;
                case RtmpCloseAction close:
                    return close.Reason.ToString();
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return null;
    }

    private async Task<IReadOnlyList<RtmpAction>> ValidateAsync(RtmpServerConnection connection, string key)
    {
        var (channelId, grant) = await authorizer.AuthorizeAsync(key, address, connectionId);
        if (!grant.Accepted || channelId is null)
        {
            logger.LogInformation("RTMP {Connection} from {Address}: publish refused ({Why})", connectionId, address, grant.Rejection);
            return connection.Decide(RtmpKeyDecision.Reject, output);
        }

        session = new IngestSession(new IngestSessionContext(channelId, grant.SessionId!, connectionId, grant.Lease, grant.Resumed, grant.Settings), services, logger);
        session.Start();
        logger.LogInformation("RTMP {Connection} publishes channel {Channel} session {Session}{Resumed}", connectionId, channelId, grant.SessionId, grant.Resumed ? " (resumed)" : "");
        return connection.Decide(RtmpKeyDecision.Accept, output);
    }

    private async Task FlushAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        if (output.WrittenCount > 0)
        {
            await stream.WriteAsync(output.WrittenMemory, cancellationToken);
            output.ResetWrittenCount();
        }
    }

    private async Task EndSessionAsync(bool nodeStopping)
    {
        if (session is null)
        {
            return;
        }

        using (session)
        {
            // A publisher that vanished without unpublishing may be back within the channel's grace window. A stopping
            // node ends its sessions as an unpublish would: viewers get ENDLIST now instead of waiting out the lease,
            // and the streamer's reconnect starts a new session on another media silo.
            await session.FinishAsync(nodeStopping ? SessionEnd.Unpublished : how);
        }
    }
}
