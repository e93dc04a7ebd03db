using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Transcoding;
using VideoPlatform.TranscodeSilo.Transcoding.Worker;

namespace VideoPlatform.Tests.Operations;

public enum ExportedKind { Counter, Gauge, Histogram }

/// <summary>
/// An instrument as OpenTelemetry's Prometheus exporter sees it, and the series names it writes for it: the name with
/// every run of other characters as one underscore, the unit's word appended ("s" → <c>_seconds</c>, "ms" →
/// <c>_milliseconds</c>, "By" → <c>_bytes</c>), then <c>_total</c> for counters or <c>_bucket/_sum/_count</c> for
/// histograms. Up-down counters and gauges are gauges. PlatformTelemetryTests holds this against the real exporter.
/// </summary>
public sealed partial record PrometheusSeries(string Instrument, string? Unit, ExportedKind Kind)
{
    public static PrometheusSeries Of(Instrument instrument) => new(instrument.Name, instrument.Unit, KindOf(instrument));

    /// <summary>The platform's own instruments, read from the classes that create them: their real units and kinds.</summary>
    public static List<PrometheusSeries> Platform()
    {
        var found = new Dictionary<string, PrometheusSeries>(StringComparer.Ordinal);
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == MetricNames.Meter && MetricNames.Platform.Contains(instrument.Name))
                {
                    lock (found)
                    {
                        found[instrument.Name] = PrometheusSeries.Of(instrument);
                    }
                }
            },
        };
        listener.Start();
        using var platform = new PlatformMetrics();
        using var transcode = new TranscodeMetrics();
        using var queue = new TranscodeQueueGauge();
        return [.. found.Values];
    }

    public IReadOnlyList<string> Names
    {
        get
        {
            var name = NotAllowed().Replace(Instrument, "_");
            var unit = UnitWord(Unit);
            if (unit.Length > 0 && !name.EndsWith("_" + unit, StringComparison.Ordinal))
            {
                name += "_" + unit;
            }

            return Kind switch
            {
                ExportedKind.Counter => [name.EndsWith("_total", StringComparison.Ordinal) ? name : name + "_total"],
                ExportedKind.Histogram => [name + "_bucket", name + "_sum", name + "_count"],
                _ => [Unit == "1" ? name + "_ratio" : name],
            };
        }
    }

    private static ExportedKind KindOf(Instrument instrument)
    {
        var type = instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : instrument.GetType();
        return type == typeof(Counter<>) || type == typeof(ObservableCounter<>) ? ExportedKind.Counter
            : type == typeof(Histogram<>) ? ExportedKind.Histogram
            : ExportedKind.Gauge;
    }

    /// <summary>The exporter's words for the units the platform and its frameworks use; annotations ("{job}") are dropped.</summary>
    private static string UnitWord(string? unit) => Annotation().Replace(unit ?? "", "") switch
    {
        "" or "1" => "",
        "s" => "seconds",
        "ms" => "milliseconds",
        "us" => "microseconds",
        "ns" => "nanoseconds",
        "By" => "bytes",
        var other => NotAllowed().Replace(other, "_"),
    };

    [GeneratedRegex("[^a-zA-Z0-9:]+")]
    private static partial Regex NotAllowed();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Annotation();
}
