using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VideoPlatform.TranscodeSilo.Shutdown;

namespace VideoPlatform.TranscodeSilo.Ingest.Server;

/// <summary>
/// The media silo's RTMP listener: accepts connections within the global and per-address caps and runs each on
/// its own <see cref="RtmpConnectionHandler"/>. Binding happens in StartAsync, so a taken port fails the host start.
/// When the silo begins to stop (<see cref="MediaSiloDrain"/>) or the host stops, it accepts no more connections and
/// its sessions end as if their publishers had unpublished (playlists closed with ENDLIST).
/// </summary>
public sealed class RtmpIngestListener(
    IngestServices services,
    PublishAuthorizer authorizer,
    MediaSiloDrain drain,
    ILogger<RtmpIngestListener> logger) : BackgroundService
{
    private readonly ConnectionLimiter limiter = new(services.Settings.MaxConnections, services.Settings.MaxConnectionsPerAddress);
    private readonly ConcurrentDictionary<Task, RtmpConnectionHandler> connections = new();
    private TcpListener? listener;

    /// <summary>Where the listener is bound (the real port when configured with 0).</summary>
    public IPEndPoint? LocalEndpoint { get; private set; }

    public int OpenConnections => limiter.Open;

    /// <summary>Connections that publish a live session right now.</summary>
    public int LiveSessions => connections.Values.Count(c => c.IsPublishing);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = services.Settings;
        listener = new TcpListener(IPAddress.Parse(settings.BindAddress), settings.RtmpPort);
        listener.Start(backlog: 128);
        LocalEndpoint = (IPEndPoint)listener.LocalEndpoint;
        logger.LogInformation("RTMP ingest listening on {Endpoint} (node {Node})", LocalEndpoint, services.NodeId);
        drain.WaitFor(() => ExecuteTask ?? Task.CompletedTask);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, drain.Draining);
        var stopping = linked.Token;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var socket = await listener!.AcceptSocketAsync(stopping);
                var address = (socket.RemoteEndPoint as IPEndPoint)?.Address.MapToIPv4() ?? IPAddress.None;
                if (!limiter.TryAcquire(address))
                {
                    logger.LogWarning("RTMP connection from {Address} refused: connection cap reached", address);
                    socket.Dispose();
                    continue;
                }

                socket.NoDelay = true;
                var handler = new RtmpConnectionHandler(socket, address, services, authorizer, logger);
                var running = RunAsync(handler, address, stopping);
                connections.TryAdd(running, handler);
                _ = running.ContinueWith(t => connections.TryRemove(t, out _), TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            listener!.Stop();
            await Task.WhenAll(connections.Keys);
        }
    }

    private async Task RunAsync(RtmpConnectionHandler handler, IPAddress address, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Yield();
            await handler.RunAsync(stoppingToken);
        }
        catch (Exception ex)
        {
            // One connection's failure never reaches the accept loop.
            logger.LogError(ex, "RTMP connection from {Address} failed", address);
        }
        finally
        {
            limiter.Release(address);
        }
    }
}
