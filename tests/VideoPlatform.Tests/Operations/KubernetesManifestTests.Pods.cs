using static VideoPlatform.Tests.Operations.RenderedManifests;

namespace VideoPlatform.Tests.Operations;

/// <summary>The pods: rolling updates that keep every pod, a non-root read-only root, and the silos' identity and RBAC.</summary>
public sealed partial class KubernetesManifestTests
{
    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Pods_RollWithoutLosingOne_AndRunNonRootOnAReadOnlyRoot(string overlay)
    {
        var rendered = await OfAsync(overlay);
        foreach (var container in rendered.PlatformContainers)
        {
            Assert.Equal("0", Str(container.Workload["spec"]!["strategy"]?["rollingUpdate"]?["maxUnavailable"]));
            Assert.Equal("true", Str(container.Container["securityContext"]?["readOnlyRootFilesystem"]));
            Assert.Equal("true", Str(container.PodSpec["securityContext"]?["runAsNonRoot"]));
            var tmp = Items(container.Container["volumeMounts"]).Single(m => Str(m["mountPath"]) == "/tmp");
            Assert.Contains(Items(container.PodSpec["volumes"]), v => Str(v["name"]) == Str(tmp["name"]) && v["emptyDir"] is not null);
            Assert.NotNull(container.Container["resources"]?["requests"]?["memory"]);
            Assert.NotNull(container.Container["resources"]?["limits"]?["memory"]);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Workloads_SelectTheirOwnPodTemplates(string overlay)
    {
        var rendered = await OfAsync(overlay);
        var owning = rendered.Workloads.Where(w => Str(w["kind"]) is "Deployment" or "StatefulSet").ToList();

        Assert.Contains(owning, w => Str(w["metadata"]!["name"]) == "api");
        Assert.All(owning, w => Assert.True(Matches(w["spec"]!["selector"], w["spec"]!["template"]!["metadata"]?["labels"]),
            $"{Str(w["kind"])} {Str(w["metadata"]!["name"])}: selector {w["spec"]!["selector"]?.ToJsonString()} does not match its pod template's labels"));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Silos_GetThePodIdentityAndTheRbacOfOrleansKubernetesHosting(string overlay)
    {
        var rendered = await OfAsync(overlay);
        foreach (var silo in rendered.PlatformContainers.Where(c => c.Host != "api"))
        {
            var fields = Items(silo.Container["env"]).ToDictionary(e => Str(e["name"]), e => Str(e["valueFrom"]?["fieldRef"]?["fieldPath"]));
            Assert.Equal("metadata.name", fields.GetValueOrDefault("POD_NAME"));
            Assert.Equal("metadata.namespace", fields.GetValueOrDefault("POD_NAMESPACE"));
            Assert.Equal("status.podIP", fields.GetValueOrDefault("POD_IP"));
            var account = Str(silo.PodSpec["serviceAccountName"]);
            var verbs = rendered.OfKind("RoleBinding")
                .Where(b => Items(b["subjects"]).Any(s => Str(s["kind"]) == "ServiceAccount" && Str(s["name"]) == account))
                .Select(b => rendered.Get("Role", Str(b["roleRef"]!["name"])))
                .SelectMany(r => Items(r["rules"]))
                .Where(rule => rule["resources"]!.AsArray().Any(x => Str(x) == "pods"))
                .SelectMany(rule => rule["verbs"]!.AsArray().Select(Str))
                .ToHashSet();
            Assert.Superset(new HashSet<string> { "get", "list", "watch", "patch" }, verbs);
        }
    }
}
