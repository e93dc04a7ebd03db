using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VideoPlatform.Hosting.Configuration;
using VideoPlatform.Hosting.Telemetry;
using VideoPlatform.Tests.Operations;

namespace VideoPlatform.Tests.Hosting.Telemetry;

[Trait("Category", "Unit")]
public sealed class PlatformTelemetryTests
{
    [Fact]
    public async Task Metrics_WithPrometheus_ServesThePlatformMeterInTextFormat()
    {
        var name = $"vp.test.scrape_{Guid.NewGuid():N}";
        await using var app = await StartAsync(prometheus: true);
        using var meter = new Meter(PlatformTelemetry.SourceName);
        var counter = meter.CreateCounter<long>(name);
        counter.Add(7, new KeyValuePair<string, object?>("outcome", "succeeded"));

        using var response = await app.GetTestClient().GetAsync(new Uri(PlatformTelemetry.MetricsPath, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var line = body.Split('\n').FirstOrDefault(l => l.StartsWith(name.Replace('.', '_'), StringComparison.Ordinal) && l.Contains("outcome=\"succeeded\"", StringComparison.Ordinal));
        Assert.True(line is not null, $"no sample of {name} in:\n{body[..Math.Min(body.Length, 2000)]}");
        Assert.EndsWith(" 7", line.Split(' ', 3) is [var _, var value, ..] ? " " + value : line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_WithoutPrometheus_IsNotMapped()
    {
        await using var app = await StartAsync(prometheus: false);

        using var response = await app.GetTestClient().GetAsync(new Uri(PlatformTelemetry.MetricsPath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary><see cref="PrometheusSeries"/> against the exporter itself: one instrument of each kind and unit the dashboard reads.</summary>
    [Fact]
    public async Task Metrics_WriteEachInstrumentAsPrometheusSeriesSpellsIt()
    {
        var prefix = $"vp.test.naming_{Guid.NewGuid():N}";
        await using var app = await StartAsync(prometheus: true);
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

    private static async Task<WebApplication> StartAsync(bool prometheus)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseTestServer();
        builder.Services.AddPlatformTelemetry("vp-test", new PlatformOptions(), prometheus);
        var app = builder.Build();
        app.MapPlatformMetrics();
        await app.StartAsync();
        return app;
    }
}
