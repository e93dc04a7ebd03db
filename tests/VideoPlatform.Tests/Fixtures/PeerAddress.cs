using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace VideoPlatform.Tests.Fixtures;

/// <summary>
/// TestServer connections have no peer address; this stands in for the socket's: the header <see cref="Header"/>
/// becomes the connection's remote address before any of the Api's middleware runs.
/// </summary>
internal sealed class PeerAddress : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (System.Net.IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var peer))
            {
                context.Connection.RemoteIpAddress = peer;
            }

            return nextMiddleware(context);
        });
        next(app);
    };

    /// <summary>A client of <paramref name="api"/> whose requests come from <paramref name="address"/>.</summary>
    public static HttpClient Client(ApiFactory api, string address)
    {
        var http = api.CreateClient();
        http.DefaultRequestHeaders.Add(Header, address);
        return http;
    }
}
