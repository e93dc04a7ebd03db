using System.Net.Http.Json;
using System.Text.Json;
using Orleans.Core.Internal;
using Orleans.Streams;
using VideoPlatform.Grains.Channels;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Uploads;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Grains.Webhooks;
using VideoPlatform.Webhooks;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Grains.Webhooks;

/// <summary>
/// Lifecycle events published on the platform's streams reach receivers on 127.0.0.1 (the Api and the silos both
/// allow private targets here), through the stream consumers and one endpoint grain per endpoint.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ClusterCollection.Name)]
public sealed class WebhookDeliveryTests(PlatformClusterFixture cluster) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    private readonly ApiFactory api = new(cluster, new Dictionary<string, string?> { [WebhookTestSettings.AllowPrivateKey] = "true" });
    private readonly string owner = $"hook{Guid.NewGuid():N}"[..12];
    private HttpClient http = null!;

    public Task InitializeAsync()
    {
        http = api.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await api.DisposeAsync();

    [Fact]
    public async Task Deliveries_CarryASignatureThatVerifiesWithTheSecret_OnePerSubscribedEvent()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (id, secret) = await CreateEndpointAsync(receiver.Url("/in"), "video.ready", "upload.completed", "live.started");
        var video = await OwnedVideoAsync();
        var channel = await OwnedChannelAsync();
        var ownerId = (await NamedUsers.GetAsync(http, owner)).Id;

        await PublishAsync(StreamNames.Video, video, Ready(video));
        await PublishAsync(StreamNames.Upload, "up-" + video, new UploadEvent(Guid.NewGuid(), "up-" + video, video, ownerId, UploadStatus.Active, UploadStatus.Completed, 1234, Now));
        await PublishAsync(StreamNames.Live, channel, new ChannelEvent(Guid.NewGuid(), channel, "live", "session-1", Now, null));

        Assert.True(await Eventually.WaitAsync(() => Task.FromResult(receiver.On("/in").Count >= 3), Deadline), "three deliveries");
        var received = receiver.On("/in");
        Assert.All(received, r => Assert.True(WebhookSignature.Verify(secret, r.Signature!, r.Body, out var t) && Math.Abs(t - Now.ToUnixTimeSeconds()) < 120, r.Signature));
        var bodies = received.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.Equal(["live.started", "upload.completed", "video.ready"], bodies.Select(b => b.GetProperty("type").GetString()).Order());
        Assert.Equal(video, bodies.Single(b => b.GetProperty("type").GetString() == "video.ready").GetProperty("data").GetProperty("videoId").GetString());
        Assert.Equal(channel, bodies.Single(b => b.GetProperty("type").GetString() == "live.started").GetProperty("data").GetProperty("channelId").GetString());
        Assert.True(await Eventually.WaitAsync(async () => (await DeliveriesAsync(id)).Count(d => d.GetProperty("status").GetString() == "delivered") == 3, Deadline));
        Assert.Equal(bodies.Select(b => b.GetProperty("id").GetString()).Order(), (await DeliveriesAsync(id)).Select(d => d.GetProperty("id").GetString()).Order());
    }

    [Fact]
    public async Task AReceiverThatFailsTwice_GetsExactlyOneAcceptedDelivery()
    {
        await using var receiver = await WebhookReceiver.StartAsync((_, n, _) => Task.FromResult(n <= 2 ? 500 : 200));
        var (id, _) = await CreateEndpointAsync(receiver.Url("/flaky"), "video.ready");
        var video = await OwnedVideoAsync();

        await PublishAsync(StreamNames.Video, video, Ready(video));

        Assert.True(await Eventually.WaitAsync(async () => (await DeliveriesAsync(id)).Any(d => d.GetProperty("status").GetString() == "delivered"), Deadline));
        var delivery = Assert.Single(await DeliveriesAsync(id));
        Assert.Equal(3, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(200, delivery.GetProperty("lastStatus").GetInt32());
        Assert.False(delivery.TryGetProperty("nextAttemptAt", out _));
        var attempts = receiver.On("/flaky");
        Assert.Equal(3, attempts.Count);
        Assert.Single(attempts.Select(a => a.Body).Distinct());
    }

    [Fact]
    public async Task AStreamEventToldTwice_IsDeliveredOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (id, _) = await CreateEndpointAsync(receiver.Url("/once"), "video.ready", "video.deleted");
        var video = await OwnedVideoAsync();
        var ready = Ready(video);

        await PublishAsync(StreamNames.Video, video, ready);
        await PublishAsync(StreamNames.Video, video, ready);
        // A later event on the same stream: once it is delivered, the repeat before it has been handled.
        await PublishAsync(StreamNames.Video, video, new VideoEvent(Guid.NewGuid(), video, VideoStatus.Ready, VideoStatus.Deleted, "Deleted", Now, 6));

        Assert.True(await Eventually.WaitAsync(async () => (await DeliveriesAsync(id)).Count(d => d.GetProperty("status").GetString() == "delivered") == 2, Deadline));
        Assert.Equal(2, (await DeliveriesAsync(id)).Count);
        var types = receiver.On("/once").Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("type").GetString()).ToList();
        Assert.Equal(["video.deleted", "video.ready"], types.Order());
    }

    [Fact]
    public async Task ASlowReceiver_DoesNotHoldUpAFastEndpoint()
    {
        await using var receiver = await WebhookReceiver.StartAsync(async (path, _, aborted) =>
        {
            if (path == "/slow")
            {
                await Task.Delay(TimeSpan.FromSeconds(60), aborted);
            }

            return 200;
        });
        var (slow, _) = await CreateEndpointAsync(receiver.Url("/slow"), "video.ready");
        await CreateEndpointAsync(receiver.Url("/fast"), "video.ready");
        var videos = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var video = await OwnedVideoAsync();
            videos.Add(video);
            await PublishAsync(StreamNames.Video, video, Ready(video));
        }

        Assert.True(await Eventually.WaitAsync(() => Task.FromResult(receiver.On("/fast").Count == 3), Deadline), "the fast endpoint got all three");
        var fastDone = receiver.On("/fast").Max(r => r.At);
        // The slow receiver's first attempts were still open (the sender gives each WebhookTestSettings.Timeout) when the
        // fast one had everything.
        var firstAbort = receiver.Aborted.IsEmpty ? DateTimeOffset.MaxValue : receiver.Aborted.Min();
        Assert.True(fastDone < firstAbort, $"fast done {fastDone:O}, first slow abort {firstAbort:O}");
        Assert.True(await Eventually.WaitAsync(async () => (await DeliveriesAsync(slow)).Count(d => d.TryGetProperty("lastError", out var e) && e.GetString()!.Contains("no answer", StringComparison.Ordinal)) == 3, Deadline));
    }

    [Fact]
    public async Task APendingDelivery_IsSentByTheReminder_AfterItsGrainWasDeactivated()
    {
        var down = true;
        await using var receiver = await WebhookReceiver.StartAsync((_, _, _) => Task.FromResult(Volatile.Read(ref down) ? 503 : 200));
        var (id, _) = await CreateEndpointAsync(receiver.Url("/later"), "video.ready");
        var video = await OwnedVideoAsync();
        await PublishAsync(StreamNames.Video, video, Ready(video));
        Assert.True(await Eventually.WaitAsync(() => Task.FromResult(receiver.On("/later").Count >= 1), Deadline));

        // The activation and its retry timer go; only the stored delivery and the reminder remain.
        var endpoint = cluster.Client.GetGrain<IWebhookEndpointGrain>(id);
        await endpoint.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        Volatile.Write(ref down, false);
        await endpoint.Cast<IRemindable>().ReceiveReminder("webhook-retry", default);

        Assert.True(await Eventually.WaitAsync(async () => (await DeliveriesAsync(id)).Any(d => d.GetProperty("status").GetString() == "delivered"), Deadline));
        Assert.Equal(200, Assert.Single(await DeliveriesAsync(id)).GetProperty("lastStatus").GetInt32());
    }

    private static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    private static VideoEvent Ready(string video) => new(Guid.NewGuid(), video, VideoStatus.Processing, VideoStatus.Ready, "ProcessingCompleted", Now, 5);

    private async Task<(string Id, string Secret)> CreateEndpointAsync(string url, params string[] events)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks") { Content = JsonContent.Create(new { url, events }) };
        var response = await http.SendAsync(await request.AuthorizeAsync(http, owner));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return (body.GetProperty("id").GetString()!, body.GetProperty("secret").GetString()!);
    }

    private async Task<List<JsonElement>> DeliveriesAsync(string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/webhooks/{id}/deliveries");
        var response = await http.SendAsync(await request.AuthorizeAsync(http, owner));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray().ToList();
    }

    private async Task<string> OwnedVideoAsync()
    {
        var id = $"wh{Guid.NewGuid():N}"[..14];
        await cluster.Client.GetGrain<IVideoGrain>(id).Create(new CreateVideo { Title = "hooked", OwnerId = (await NamedUsers.GetAsync(http, owner)).Id });
        return id;
    }

    private async Task<string> OwnedChannelAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/channels") { Content = JsonContent.Create(new { name = "hooked", record = false }) };
        var response = await http.SendAsync(await request.AuthorizeAsync(http, owner));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    private Task PublishAsync<T>(string ns, string key, T item) =>
        cluster.Client.GetStreamProvider(StreamNames.Provider).GetStream<T>(StreamId.Create(ns, key)).OnNextAsync(item);
}
