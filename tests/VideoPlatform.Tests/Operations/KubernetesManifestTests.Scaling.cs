using System.Text.RegularExpressions;
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
        Assert.Subset(PrometheusSeries.Platform().SelectMany(i => i.Names).ToHashSet(), asked);
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

    [GeneratedRegex(@"\bvp_[a-z_]+")]
    private static partial Regex MetricName();
}
