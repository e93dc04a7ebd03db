using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Transcoding;
using VideoPlatform.TranscodeSilo.Transcoding.Worker;

namespace VideoPlatform.Tests.Hosting.Telemetry;

[Trait("Category", "Unit")]
public sealed class PlatformInstrumentsTests
{
    [Fact]
    public void EveryNamedInstrument_IsPublishedOnThePlatformMeter()
    {
        var published = new HashSet<string>(StringComparer.Ordinal);
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == MetricNames.Meter)
                {
                    lock (published)
                    {
                        published.Add(instrument.Name);
                    }
                }
            },
        };
        listener.Start();

        using var platform = new PlatformMetrics();
        using var transcode = new TranscodeMetrics();
        using var queue = new TranscodeQueueGauge();

        Assert.Equal([], MetricNames.Platform.Where(name => !published.Contains(name)));
    }

    [Fact]
    public void Viewers_AreSummedOverSessions_AndAnEndedSessionDropsOut()
    {
        using var meters = OwnMeters();
        using var metrics = new PlatformMetrics(meters.GetRequiredService<IMeterFactory>());
        var observed = new List<int>();
        using var listener = Listen(meters, MetricNames.LiveViewers);
        listener.SetMeasurementEventCallback<int>((_, value, _, _) => observed.Add(value));
        listener.Start();

        metrics.SetViewers("a", 3);
        metrics.SetViewers("b", 4);
        listener.RecordObservableInstruments();
        metrics.SetViewers("a", 0);
        listener.RecordObservableInstruments();

        Assert.Equal([7, 4], observed.TakeLast(2));
    }

    [Fact]
    public void ActiveUploads_CountUpAndDownOnce()
    {
        using var meters = OwnMeters();
        using var metrics = new PlatformMetrics(meters.GetRequiredService<IMeterFactory>());
        long active = 0;
        using var listener = Listen(meters, MetricNames.UploadsActive);
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref active, value));
        listener.Start();

        var first = metrics.UploadStarted();
        using (metrics.UploadStarted())
        {
            Assert.Equal(2, Interlocked.Read(ref active));
        }

        first.Dispose();
        first.Dispose();

        Assert.Equal(0, Interlocked.Read(ref active));
    }

    private static ServiceProvider OwnMeters() => new ServiceCollection().AddMetrics().BuildServiceProvider();

    /// <summary>Listens to one instrument of this test's meters only: hosts of other tests in the process have their own.</summary>
    private static MeterListener Listen(ServiceProvider meters, string name)
    {
        var factory = meters.GetRequiredService<IMeterFactory>();
        return new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == name && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
    }
}
