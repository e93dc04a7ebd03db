using System.Text.Json.Nodes;
using static VideoPlatform.Tests.Operations.RenderedManifests;

namespace VideoPlatform.Tests.Operations;

/// <summary>Scraping: each host's pods are annotated with the port and path where that host, with its pod's settings, serves /metrics.</summary>
public sealed partial class KubernetesManifestTests
{
    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task ScrapeAnnotations_NameThePortWhereEachHostServesMetrics(string overlay)
    {
        var rendered = await OfAsync(overlay);
        foreach (var container in rendered.PlatformContainers)
        {
            var annotations = container.Workload["spec"]!["template"]!["metadata"]?["annotations"];
            var shape = await rendered.HostShapeAsync(container);
            Assert.True(Str(annotations?["prometheus.io/scrape"]) == "true", $"{container.Name} is not annotated for a scrape");
            Assert.True(shape.Scrape is not null, $"{container.Name}: the host serves no /metrics with its pod's settings");
            Assert.Contains(Str(annotations?["prometheus.io/path"]), shape.Paths);

            var port = shape.Scrape.Port ?? HttpPort(container);
            Assert.Equal(port, Int(annotations?["prometheus.io/port"]));
            Assert.True(Items(container.Container["ports"]).Any(p => Int(p["containerPort"]) == port), $"{container.Name} does not declare its metrics port {port}");
            Assert.True(Admits(rendered, container, port), $"{container.Name}: a NetworkPolicy keeps Prometheus from port {port}");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task ApiMetrics_HaveAPortOfTheirOwn_ThatNoServiceFronts(string overlay)
    {
        var rendered = await OfAsync(overlay);
        var api = rendered.PlatformContainers.Single(c => c.Host == "api");
        var port = (await rendered.HostShapeAsync(api)).Scrape?.Port;

        Assert.True(port is not null, "the Api's pod sets no Telemetry:MetricsPort, so its metrics have no way out");
        Assert.NotEqual(HttpPort(api), port);
        foreach (var service in rendered.OfKind("Service").Where(s => Matches(s["spec"]!["selector"], api.PodLabels)))
        {
            Assert.All(Items(service["spec"]!["ports"]), p => Assert.NotEqual(port, api.Port(p["targetPort"] ?? p["port"])));
        }
    }

    /// <summary>Whether every ingress policy selecting the pod has a rule open to everyone for <paramref name="port"/> (none selecting it: open).</summary>
    private static bool Admits(RenderedManifests rendered, PlatformContainer container, int port) =>
        IngressPolicies(rendered, container).All(p => Items(p["spec"]!["ingress"]).Any(rule =>
                Items(rule["from"]).Any() is false
                && (rule["ports"] is not JsonArray ports || ports.Count == 0 || Items(ports).Any(x => container.Port(x["port"]) == port))));
}
