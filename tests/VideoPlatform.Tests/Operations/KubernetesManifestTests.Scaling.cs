using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using VideoPlatform.Grains.Transcoding;
using VideoPlatform.TranscodeSilo.Transcoding.Worker;
using static VideoPlatform.Tests.Operations.RenderedManifests;

namespace VideoPlatform.Tests.Operations;

/// <summary>Autoscaling: the media pool scales on metrics the silos actually publish, the Api's autoscaler on the Api.</summary>
public sealed partial class KubernetesManifestTests
{
    [Fact]
    public async Task MediaPoolScaling_AsksForMetricsTheSilosPublish()
    {
        var scaled = (await OfAsync("prod")).Get("ScaledObject", "transcode-silo");
        Assert.Equal("transcode-silo", Str(scaled["spec"]!["scaleTargetRef"]!["name"]));
        var query = Items(scaled["spec"]!["triggers"]).Single(t => Str(t["type"]) == "prometheus")["metadata"]!["query"];
        var asked = MetricName().Matches(Str(query)).Select(m => m.Value).ToHashSet();

        Assert.Contains("vp_transcode_queue_depth", asked);
        Assert.Subset(PublishedMetrics(), asked);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task ApiAutoscaler_ScalesTheApiDeployment(string overlay)
    {
        var rendered = await OfAsync(overlay);
        var target = rendered.Get("HorizontalPodAutoscaler", "api")["spec"]!["scaleTargetRef"]!;
        var deployment = rendered.Get(Str(target["kind"]), Str(target["name"]));

        Assert.Equal("apps/v1", Str(target["apiVersion"]));
        Assert.Equal("Deployment", Str(deployment["kind"]));
        Assert.Contains(rendered.PlatformContainers, c => c.Host == "api" && ReferenceEquals(c.Workload, deployment));
    }

    /// <summary>Prometheus names of the platform's instruments that autoscaling may use ("a.b_c" → "a_b_c").</summary>
    private static HashSet<string> PublishedMetrics()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, _) =>
        {
            if (instrument.Meter.Name == "VideoPlatform")
            {
                lock (names)
                {
                    names.Add(instrument.Name.Replace('.', '_'));
                }
            }
        };
        listener.Start();
        using var queue = new TranscodeQueueGauge();
        using var worker = new TranscodeMetrics();
        return names;
    }

    [GeneratedRegex(@"\bvp_[a-z_]+")]
    private static partial Regex MetricName();
}
