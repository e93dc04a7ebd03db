using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace VideoPlatform.Webhooks;

/// <summary>How one attempt ended: a status code when the receiver answered, an error when it did not (or was refused).</summary>
public sealed record WebhookAttempt(int? Status, string? Error)
{
    public bool Delivered => Status is >= 200 and < 300;
}

public interface IWebhookSender
{
    /// <summary>One POST of <paramref name="body"/>; never throws for anything the receiver or the network does.</summary>
    Task<WebhookAttempt> SendAsync(Uri url, string body, string signature, CancellationToken cancellationToken);
}

/// <summary>
/// Sends webhook POSTs through one handler that connects only to vetted addresses (its connect step resolves the host
/// and checks every address, see <see cref="WebhookTargets"/>), follows no redirect, uses no proxy, and gives each
/// attempt <see cref="WebhookSettings.Timeout"/> from connect to the last byte it reads (at most 4 KiB of the answer).
/// </summary>
public sealed class WebhookSender : IWebhookSender, IDisposable
{
    private const int MaxResponseBytes = 4096;

    private readonly HttpClient http;
    private readonly WebhookTargets targets;
    private readonly TimeSpan timeout;

    public WebhookSender(IOptions<WebhookSettings> options, WebhookTargets targets)
    {
        this.targets = targets;
        timeout = options.Value.Timeout;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = timeout,
            MaxResponseHeadersLength = 16,
            MaxConnectionsPerServer = 16,
            // Connections are vetted when opened; recycling them bounds how long one outlives a change of address.
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = ConnectAsync,
        };
        http = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("VideoPlatform-Webhooks", "1.0"));
    }

    public async Task<WebhookAttempt> SendAsync(Uri url, string body, string signature, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation(WebhookSignature.Header, signature);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            await DrainAsync(response, deadline.Token);
            var status = (int)response.StatusCode;
            return status is >= 300 and < 400
                ? new(status, $"redirect to '{response.Headers.Location}' not followed")
                : new(status, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(null, $"no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            return new(null, FindRefusal(ex)?.Message ?? ex.Message);
        }
    }

    public void Dispose() => http.Dispose();

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var (addresses, problem) = await targets.VetAsync(context.DnsEndPoint.Host, cancellationToken);
        if (addresses is null)
        {
            throw new WebhookTargetRefusedException($"{problem!.Code}: {problem.Message}");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Reads (and drops) at most a few KiB, so a receiver that streams a large answer costs little.</summary>
    private static async Task DrainAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[1024];
        var total = 0;
        int read;
        while (total < MaxResponseBytes && (read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
        }
    }

    private static WebhookTargetRefusedException? FindRefusal(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is WebhookTargetRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }
}
