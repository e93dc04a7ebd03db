using System.Text.Json.Nodes;
using VideoPlatform.Hosting.Configuration;
using static VideoPlatform.Tests.Operations.RenderedManifests;

namespace VideoPlatform.Tests.Operations;

/// <summary>The network: services and disruption budgets select real pods, RTMP reaches the media pool from outside, and only the platform's pods reach silo ports.</summary>
public sealed partial class KubernetesManifestTests
{
    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task ServicesAndBudgets_SelectPodsThatExist_AndNoServiceFrontsSiloPorts(string overlay)
    {
        var rendered = await OfAsync(overlay);
        foreach (var service in rendered.OfKind("Service"))
        {
            var pods = rendered.Workloads.Where(w => Matches(service["spec"]!["selector"], w["spec"]!["template"]!["metadata"]?["labels"])).ToList();
            Assert.True(pods.Count > 0, $"Service {Str(service["metadata"]!["name"])} selects no pod");
            foreach (var port in Items(service["spec"]!["ports"]))
            {
                foreach (var container in rendered.PlatformContainers.Where(c => pods.Contains(c.Workload)))
                {
                    var target = container.Port(port["targetPort"] ?? port["port"]);
                    Assert.True(target > 0, $"Service {Str(service["metadata"]!["name"])}: {container.Name} has no port {Str(port["targetPort"])}");
                    Assert.DoesNotContain(target, OrleansPorts(rendered, container));
                }
            }
        }

        foreach (var budget in rendered.OfKind("PodDisruptionBudget"))
        {
            Assert.Contains(rendered.PlatformContainers, c => Matches(budget["spec"]!["selector"], c.PodLabels));
        }

        Assert.All(Hosts, host => Assert.Contains(rendered.OfKind("PodDisruptionBudget"), b =>
            Matches(b["spec"]!["selector"], rendered.PlatformContainers.Single(c => c.Host == host).PodLabels)));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task SiloAndGatewayPorts_AdmitOnlyThePlatformsPods(string overlay)
    {
        var rendered = await OfAsync(overlay);
        foreach (var silo in rendered.PlatformContainers.Where(c => c.Host != "api"))
        {
            var policies = IngressPolicies(rendered, silo).ToList();
            Assert.True(policies.Count > 0, $"no NetworkPolicy selects {silo.Name}");
            foreach (var port in OrleansPorts(rendered, silo))
            {
                Assert.True(silo.Port(port.ToString(System.Globalization.CultureInfo.InvariantCulture)) == port, $"{silo.Name} does not declare port {port}");
                var admitting = policies.SelectMany(p => Items(p["spec"]!["ingress"]))
                    .Where(rule => rule["ports"] is not JsonArray ports || ports.Count == 0 || Items(ports).Any(p => silo.Port(p["port"]) == port))
                    .ToList();
                Assert.True(admitting.Count > 0, $"{silo.Name}: no rule admits port {port}, so the cluster cannot form");
                foreach (var rule in admitting)
                {
                    var peers = Items(rule["from"]).ToList();
                    Assert.True(peers.Count > 0, $"{silo.Name}: port {port} is open to everyone");
                    Assert.All(peers, peer =>
                    {
                        Assert.True(peer.Count == 1 && peer["podSelector"] is not null, $"{silo.Name}: port {port} admits {peer.ToJsonString()}");
                        Assert.Contains(rendered.PlatformContainers, c => Matches(peer["podSelector"], c.PodLabels));
                    });
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task RtmpService_IsALoadBalancerOverTheMediaPoolsRtmpPort(string overlay)
    {
        var rendered = await OfAsync(overlay);
        var media = rendered.PlatformContainers.Single(c => c.Host == "transcode-silo");
        var rtmpPort = Int(JsonValue.Create(rendered.PlatformSettings(media.Container)["VideoPlatform__Live__RtmpPort"]));
        var rtmp = rendered.OfKind("Service")
            .Where(s => Items(s["spec"]!["ports"]).Any(p => Str(p["port"]) == "1935" || Str(p["name"]) == "rtmp"))
            .ToList();

        var service = Assert.Single(rtmp);
        Assert.Equal("LoadBalancer", Str(service["spec"]!["type"]));
        var selected = rendered.PlatformContainers.Where(c => Matches(service["spec"]!["selector"], c.PodLabels)).ToList();
        Assert.NotEmpty(selected);
        Assert.All(selected, c => Assert.Equal("transcode-silo", c.Host));
        Assert.All(Items(service["spec"]!["ports"]), p => Assert.Equal(rtmpPort, media.Port(p["targetPort"] ?? p["port"])));
    }

    /// <summary>The NetworkPolicies that govern who may connect to <paramref name="container"/>'s pod.</summary>
    private static IEnumerable<JsonObject> IngressPolicies(RenderedManifests rendered, PlatformContainer container) =>
        rendered.OfKind("NetworkPolicy").Where(p => Matches(p["spec"]!["podSelector"], container.PodLabels)
            && (p["spec"]!["policyTypes"]?.AsArray().Any(t => Str(t) == "Ingress") ?? true));

    /// <summary>The silo and gateway ports a silo host binds with these settings (none for the Api).</summary>
    private static int[] OrleansPorts(RenderedManifests rendered, PlatformContainer container)
    {
        if (container.Host == "api")
        {
            return [];
        }

        var clustering = PlatformConfiguration.Bind(Configuration(rendered.PlatformSettings(container.Container))).Clustering;
        return [clustering.SiloPort, clustering.GatewayPort];
    }
}
