using VideoPlatform.Webhooks;

namespace VideoPlatform.Grains.Webhooks;

/// <summary>What an attempt's outcome does to a delivery: delivered on a 2xx, otherwise retried with capped, jittered backoff until RetryFor runs out.</summary>
public static class WebhookRetries
{
    /// <summary>FirstRetryDelay × 2^(attempts-1), capped at MaxRetryDelay, less up to a quarter (<paramref name="jitter"/> in [0, 1)).</summary>
    public static TimeSpan Delay(int attempts, WebhookSettings settings, double jitter)
    {
        var doubled = settings.FirstRetryDelay.Ticks * Math.Pow(2, Math.Clamp(attempts - 1, 0, 40));
        var capped = Math.Min(doubled, settings.MaxRetryDelay.Ticks);
        return TimeSpan.FromTicks((long)(capped * (1 - (0.25 * jitter))));
    }

    public static void Record(WebhookDelivery delivery, WebhookAttempt attempt, DateTimeOffset now, WebhookSettings settings, double jitter)
    {
        delivery.Attempts++;
        delivery.LastStatus = attempt.Status;
        delivery.LastError = attempt.Error;
        if (attempt.Delivered)
        {
            delivery.Status = WebhookDeliveryStatus.Delivered;
            delivery.DeliveredAt = now;
            delivery.NextAttemptAt = null;
            return;
        }

        var next = now + Delay(delivery.Attempts, settings, jitter);
        if (next > delivery.EnqueuedAt + settings.RetryFor)
        {
            delivery.Status = WebhookDeliveryStatus.Failed;
            delivery.NextAttemptAt = null;
            return;
        }

        delivery.NextAttemptAt = next;
    }
}
