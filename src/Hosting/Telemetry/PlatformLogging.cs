using Microsoft.Extensions.Logging;
using VideoPlatform.Hosting.Configuration;

namespace VideoPlatform.Hosting.Telemetry;

/// <summary>Console logs: one readable line each by default, or JSON objects for a log collector (<c>Telemetry:JsonLogs</c>).</summary>
public static class PlatformLogging
{
    public static ILoggingBuilder AddPlatformConsole(this ILoggingBuilder logging, TelemetrySettings telemetry)
    {
        if (!telemetry.JsonLogs)
        {
            return logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
                o.UseUtcTimestamp = true;
            });
        }

        // The trace id rides in a scope: the logger factory opens one per Activity, and JSON lines write their scopes.
        logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        return logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            o.UseUtcTimestamp = true;
        });
    }
}
