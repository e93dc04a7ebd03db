using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VideoPlatform.Webhooks;

namespace VideoPlatform.Tests.Fixtures;

/// <summary>One POST a receiver got, as it arrived.</summary>
public sealed record ReceivedWebhook(string Path, string Body, string? Signature, DateTimeOffset At);

/// <summary>
/// A webhook receiver on a real loopback socket (Kestrel on 127.0.0.1, a free port). It records every request and
/// answers with what <c>answer</c> returns for it (its path and the how-many-th request on that path it is); a 3xx
/// answer carries <c>Location: /redirected</c>. Requests the sender gave up on are recorded in <see cref="Aborted"/>.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();
    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);

    private WebhookReceiver(Func<string, int, CancellationToken, Task<int>> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var path = context.Request.Path.Value ?? "/";
            received.Enqueue(new ReceivedWebhook(path, body, context.Request.Headers[WebhookSignature.Header].FirstOrDefault(), TimeProvider.System.GetUtcNow()));
            try
            {
                var status = await answer(path, counts.AddOrUpdate(path, 1, (_, n) => n + 1), context.RequestAborted);
                context.Response.StatusCode = status;
                if (status is >= 300 and < 400)
                {
                    context.Response.Headers.Location = "/redirected";
                }
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                Aborted.Enqueue(TimeProvider.System.GetUtcNow());
            }
        });
    }

    public ConcurrentQueue<DateTimeOffset> Aborted { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync(Func<string, int, CancellationToken, Task<int>>? answer = null)
    {
        var receiver = new WebhookReceiver(answer ?? ((_, _, _) => Task.FromResult(200)));
        await receiver.app.StartAsync();
        var address = receiver.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseAddress = new Uri(address);
        return receiver;
    }

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    public IReadOnlyList<ReceivedWebhook> On(string path) => received.Where(r => r.Path == path).ToList();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
