using VideoPlatform.Grains.Webhooks;
using VideoPlatform.Webhooks;

namespace VideoPlatform.Tests.Grains.Webhooks;

[Trait("Category", "Unit")]
public sealed class WebhookRetriesTests
{
    private static readonly WebhookSettings Settings = new()
    {
        FirstRetryDelay = TimeSpan.FromSeconds(10),
        MaxRetryDelay = TimeSpan.FromHours(1),
        RetryFor = TimeSpan.FromHours(24),
    };

    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(9, 2560)]
    [InlineData(10, 3600)]
    [InlineData(60, 3600)]
    public void Delay_DoublesUpToTheCap(int attempts, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), WebhookRetries.Delay(attempts, Settings, jitter: 0));

    [Fact]
    public void Delay_JitterTakesAtMostAQuarter()
    {
        Assert.Equal(TimeSpan.FromSeconds(7.5), WebhookRetries.Delay(1, Settings, jitter: 1));
        Assert.InRange(WebhookRetries.Delay(3, Settings, jitter: 0.5), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(40));
    }

    [Fact]
    public void Record_2xxDeliversAndSchedulesNothing()
    {
        var delivery = new WebhookDelivery { EnqueuedAt = T0, NextAttemptAt = T0 };

        WebhookRetries.Record(delivery, new WebhookAttempt(204, null), T0.AddSeconds(1), Settings, 0);

        Assert.Equal(WebhookDeliveryStatus.Delivered, delivery.Status);
        Assert.Equal(T0.AddSeconds(1), delivery.DeliveredAt);
        Assert.Null(delivery.NextAttemptAt);
        Assert.Equal(1, delivery.Attempts);
    }

    [Theory]
    [InlineData(500, null)]
    [InlineData(302, "redirect to '/x' not followed")]
    [InlineData(null, "no answer within 5 s")]
    public void Record_FailureSchedulesTheNextAttempt(int? status, string? error)
    {
        var delivery = new WebhookDelivery { EnqueuedAt = T0, NextAttemptAt = T0 };

        WebhookRetries.Record(delivery, new WebhookAttempt(status, error), T0, Settings, 0);

        Assert.Equal(WebhookDeliveryStatus.Pending, delivery.Status);
        Assert.Equal(T0.AddSeconds(10), delivery.NextAttemptAt);
        Assert.Equal((status, error), (delivery.LastStatus, delivery.LastError));
    }

    [Fact]
    public void Record_GivesUpWhenTheNextAttemptWouldBePastRetryFor()
    {
        var delivery = new WebhookDelivery { EnqueuedAt = T0, Attempts = 30 };

        WebhookRetries.Record(delivery, new WebhookAttempt(503, null), T0.AddHours(23.5), Settings, 0);

        Assert.Equal(WebhookDeliveryStatus.Failed, delivery.Status);
        Assert.Null(delivery.NextAttemptAt);
    }
}
