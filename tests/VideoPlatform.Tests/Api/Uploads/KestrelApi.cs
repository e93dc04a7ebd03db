using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api.Uploads;

/// <summary>The Api on a real loopback socket (for raw-socket tests and Node clients).</summary>
internal static class KestrelApi
{
    public static Uri Start(ApiFactory api)
    {
        api.UseKestrel(0);
        api.StartServer();
        var address = api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }
}
