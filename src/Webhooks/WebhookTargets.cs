using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace VideoPlatform.Webhooks;

/// <summary>Why a webhook URL is refused: a stable code for the Api's ProblemDetails and a sentence.</summary>
public sealed record WebhookTargetProblem(string Code, string Message);

/// <summary>Thrown from the connect step when every address of the target is refused; the attempt fails with its message.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);

/// <summary>
/// The one place that decides where a webhook may go: the URL's shape (absolute http/https, bounded, no credentials)
/// and its addresses, checked when an endpoint is created and again on every connection after DNS resolution, so a
/// name that later resolves elsewhere (DNS rebinding) still cannot reach a private address.
/// </summary>
public sealed class WebhookTargets(IOptions<WebhookSettings> options, IWebhookResolver resolver)
{
    public const int MaxUrlLength = 2048;

    public static WebhookTargetProblem? ShapeProblem(string? url, out Uri? parsed)
    {
        parsed = null;
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxUrlLength)
        {
            return new("invalid_url", $"url is required and at most {MaxUrlLength} characters");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return new("invalid_url", "url must be an absolute http or https URL");
        }

        if (uri.UserInfo.Length > 0 || uri.Host.Length == 0)
        {
            return new("invalid_url", "url must name a host and carry no credentials");
        }

        parsed = uri;
        return null;
    }

    /// <summary>The addresses the host may be reached at; null with the reason when it may not be reached at all.</summary>
    public async Task<(IPAddress[]? Addresses, WebhookTargetProblem? Problem)> VetAsync(string host, CancellationToken cancellationToken)
    {
        host = host.Trim('[', ']');
        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await resolver.ResolveAsync(host, cancellationToken);
            }
            catch (SocketException)
            {
                addresses = [];
            }
        }

        if (addresses.Length == 0)
        {
            return (null, new("unresolvable_host", $"'{host}' does not resolve"));
        }

        // All or nothing: a name that resolves to one public and one private address is refused, not half-used.
        if (!options.Value.AllowPrivateTargets && addresses.FirstOrDefault(WebhookAddresses.IsPrivate) is { } blocked)
        {
            return (null, new("private_target", $"'{host}' resolves to {blocked}, a loopback, private or link-local address"));
        }

        return (addresses, null);
    }
}

/// <summary>Name resolution for webhook targets (a seam for tests that play a rebinding DNS server).</summary>
public interface IWebhookResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

public sealed class DnsWebhookResolver : IWebhookResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);
}
