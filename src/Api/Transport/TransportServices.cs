using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace VideoPlatform.Api.Transport;

public static class TransportServices
{
    /// <summary>
    /// Kestrel's socket transport rents from <see cref="LargeBlockMemoryPool"/>s. Must run after Kestrel registered its
    /// default factory (it uses TryAdd, so the later registration wins): WebApplication.CreateBuilder already has.
    /// </summary>
    public static IServiceCollection AddLargeSocketBuffers(this IServiceCollection services) =>
        services.AddSingleton<IMemoryPoolFactory<byte>, LargeBlockMemoryPoolFactory>();

    /// <summary>
    /// Large bodies may be received straight from the socket (<see cref="SocketBodyReceiver"/>): Kestrel's socket
    /// transport pauses at the buffered size the receiver relies on (1 MiB, also Kestrel's default, set here so
    /// that it is certain).
    /// </summary>
    public static IServiceCollection AddDirectBodyReceive(this IServiceCollection services)
    {
        services.Configure<SocketTransportOptions>(o => o.MaxReadBufferSize = SocketBodyReceiver.TransportPauseBytes);
        return services.AddSingleton<DirectBodyReceive>();
    }
}
