using Microsoft.AspNetCore.Connections;

namespace VideoPlatform.Api.Transport;

public static class TransportServices
{
    /// <summary>
    /// Kestrel's socket transport rents from <see cref="LargeBlockMemoryPool"/>s. Must run after Kestrel registered its
    /// default factory (it uses TryAdd, so the later registration wins): WebApplication.CreateBuilder already has.
    /// </summary>
    public static IServiceCollection AddLargeSocketBuffers(this IServiceCollection services) =>
        services.AddSingleton<IMemoryPoolFactory<byte>, LargeBlockMemoryPoolFactory>();
}
