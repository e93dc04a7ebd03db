using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;
using VideoPlatform.Hosting.Configuration;
using VideoPlatform.Hosting.Telemetry;

namespace VideoPlatform.Tests.Operations;

/// <summary><see cref="PrometheusSeries"/> against the exporter itself: one instrument of each kind and unit the dashboard reads, scraped.</summary>
[Trait("Category", "Unit")]
public sealed class PrometheusSeriesTests
{
    [Fact]
    public async Task Names_AreTheSeriesTheExporterWrites()
    {
        var prefix = $"vp.test.naming_{Guid.NewGuid():N}";
        await using var app = await StartAsync();
        using var meter = new Meter(PlatformTelemetry.SourceName);
        var instruments = new List<Instrument>
        {
            Record(meter.CreateCounter<long>($"{prefix}.bytes", unit: "By"), c => c.Add(3)),
            Record(meter.CreateCounter<long>($"{prefix}.jobs"), c => c.Add(1)),
            Record(meter.CreateUpDownCounter<long>($"{prefix}.active"), c => c.Add(2)),
            Record(meter.CreateHistogram<double>($"{prefix}.wait", unit: "s"), h => h.Record(0.5)),
            Record(meter.CreateHistogram<double>($"{prefix}-latency", unit: "ms"), h => h.Record(12)),
            Record(meter.CreateHistogram<double>($"{prefix}.factor"), h => h.Record(1.5)),
            meter.CreateObservableGauge($"{prefix}.depth", () => 4),
        };

        var body = await app.GetTestClient().GetStringAsync(new Uri(PlatformTelemetry.MetricsPath, UriKind.Relative));
        var written = body.Split('\n').Where(l => l.StartsWith("vp_test_naming", StringComparison.Ordinal))
            .Select(l => l.Split('{', ' ')[0]).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(written.Order(StringComparer.Ordinal), instruments.SelectMany(i => PrometheusSeries.Of(i).Names).Order(StringComparer.Ordinal));
        Assert.Contains($"{prefix.Replace('.', '_')}_latency_milliseconds_bucket", written);
    }

    private static T Record<T>(T instrument, Action<T> record)
        where T : Instrument
    {
        record(instrument);
        return instrument;
    }

    private static async Task<WebApplication> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseTestServer();
        builder.Services.AddPlatformTelemetry("vp-test", new PlatformOptions(), prometheus: true);
        var app = builder.Build();
        app.MapPlatformMetrics();
        await app.StartAsync();
        return app;
    }
}
