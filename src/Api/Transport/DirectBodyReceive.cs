using System.Net.Sockets;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;

namespace VideoPlatform.Api.Transport;

/// <summary>Decides per request whether a body may be received by <see cref="SocketBodyReceiver"/>.</summary>
public sealed class DirectBodyReceive(IOptions<SocketTransportOptions> transport)
{
    /// <summary>
    /// A receiver for this request's body, or null when it must go through Kestrel: the take-over is off
    /// (<paramref name="minBytes"/> 0), the body is smaller than <paramref name="minBytes"/> or of unknown length, the
    /// machine is not Linux, the request is not plain HTTP/1.1 on a socket (TLS, HTTP/2, test servers), or Kestrel's
    /// socket transport is not configured to pause where the receiver expects it to.
    /// </summary>
    public SocketBodyReceiver? For(HttpContext context, long minBytes)
    {
        var request = context.Request;
        if (minBytes <= 0 || !OperatingSystem.IsLinux() || request.ContentLength is not { } length || length < minBytes)
        {
            return null;
        }

        if (!HttpProtocol.IsHttp11(request.Protocol) || request.IsHttps || context.Features.Get<ITlsConnectionFeature>() is not null)
        {
            return null;
        }

        if (transport.Value.MaxReadBufferSize != SocketBodyReceiver.TransportPauseBytes)
        {
            return null;
        }

        return context.Features.Get<IConnectionSocketFeature>()?.Socket is { SocketType: SocketType.Stream } socket
            ? new SocketBodyReceiver(socket, context.Response, length)
            : null;
    }
}
