using Microsoft.Extensions.Options;
using VideoPlatform.Webhooks;
using VideoPlatform.Tests.Fixtures;
using static VideoPlatform.Tests.Infrastructure.Webhooks.WebhookTargetRulesTests;

namespace VideoPlatform.Tests.Infrastructure.Webhooks;

/// <summary>The delivery-time checks, against a real receiver on 127.0.0.1 that a refused attempt must never reach.</summary>
[Trait("Category", "Integration")]
public sealed class WebhookSenderTests : IAsyncLifetime
{
    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await WebhookReceiver.StartAsync((path, _, aborted) => path switch
    {
        "/redirect" => Task.FromResult(302),
        "/slow" => Task.Delay(TimeSpan.FromSeconds(30), aborted).ContinueWith(_ => 200, TaskScheduler.Default),
        _ => Task.FromResult(200),
    });

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    private static WebhookSender Sender(bool allowPrivate, IWebhookResolver? resolver = null, TimeSpan? timeout = null)
    {
        var options = Options.Create(new WebhookSettings { AllowPrivateTargets = allowPrivate, Timeout = timeout ?? TimeSpan.FromSeconds(5) });
        return new WebhookSender(options, new WebhookTargets(options, resolver ?? new DnsWebhookResolver()));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("[::1]")]
    [InlineData("[::ffff:127.0.0.1]")]
    public async Task Send_ToALoopbackTarget_IsRefusedBeforeConnecting(string host)
    {
        using var sender = Sender(allowPrivate: false);
        var url = new UriBuilder(receiver.BaseAddress) { Host = host, Path = "/refused" }.Uri;

        var attempt = await sender.SendAsync(url, "{}", "t=1,v1=00", CancellationToken.None);

        Assert.False(attempt.Delivered);
        Assert.Null(attempt.Status);
        Assert.Contains("private_target", attempt.Error, StringComparison.Ordinal);
        Assert.Empty(receiver.On("/refused"));
    }

    [Fact]
    public async Task Send_ToANameThatRebindsToLoopback_IsRefusedAtConnect()
    {
        // Vetted at creation as public, the name now resolves to 127.0.0.1: the connect step checks again.
        using var sender = Sender(allowPrivate: false, new FixedResolver("127.0.0.1"));
        var url = new UriBuilder(receiver.BaseAddress) { Host = "hooks.example", Path = "/rebound" }.Uri;

        var attempt = await sender.SendAsync(url, "{}", "t=1,v1=00", CancellationToken.None);

        Assert.Contains("private_target", attempt.Error, StringComparison.Ordinal);
        Assert.Empty(receiver.On("/rebound"));
    }

    [Fact]
    public async Task Send_WhenAllowed_ConnectsToTheVettedAddressOfTheName()
    {
        using var sender = Sender(allowPrivate: true, new FixedResolver("127.0.0.1"));
        var url = new UriBuilder(receiver.BaseAddress) { Host = "hooks.example", Path = "/named" }.Uri;

        var attempt = await sender.SendAsync(url, """{"a":1}""", "t=1,v1=00", CancellationToken.None);

        Assert.True(attempt.Delivered);
        Assert.Equal("""{"a":1}""", Assert.Single(receiver.On("/named")).Body);
    }

    [Fact]
    public async Task Send_ARedirectIsAFailedAttempt_AndIsNotFollowed()
    {
        using var sender = Sender(allowPrivate: true);

        var attempt = await sender.SendAsync(new Uri(receiver.Url("/redirect")), "{}", "t=1,v1=00", CancellationToken.None);

        Assert.False(attempt.Delivered);
        Assert.Equal(302, attempt.Status);
        Assert.Contains("not followed", attempt.Error, StringComparison.Ordinal);
        Assert.Single(receiver.On("/redirect"));
        Assert.Empty(receiver.On("/redirected"));
    }

    [Fact]
    public async Task Send_ASlowReceiver_TimesOut()
    {
        using var sender = Sender(allowPrivate: true, timeout: TimeSpan.FromSeconds(1));

        var attempt = await sender.SendAsync(new Uri(receiver.Url("/slow")), "{}", "t=1,v1=00", CancellationToken.None);

        Assert.Null(attempt.Status);
        Assert.Contains("no answer within 1 s", attempt.Error, StringComparison.Ordinal);
    }
}
