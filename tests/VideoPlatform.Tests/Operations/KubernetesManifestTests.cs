using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using VideoPlatform.Hosting.Configuration;
using static VideoPlatform.Tests.Operations.RenderedManifests;

namespace VideoPlatform.Tests.Operations;

/// <summary>
/// k8s/ checked without a cluster: both overlays rendered by <c>kubectl kustomize</c>, then held against the code.
/// Here: each host's workload — image, configuration keys, secret keys, probes, shutdown timeouts; services and
/// network policies, pod rollout, selectors and identity, Dockerfiles, autoscaling and metrics scraping in the
/// KubernetesManifestTests.*.cs files beside it.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class KubernetesManifestTests
{
    private static readonly string[] Hosts = ["api", "silo", "transcode-silo"];

    public static TheoryData<string> Overlays => new() { "dev", "prod" };

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Overlay_RunsEachHostFromItsPlatformImage(string overlay)
    {
        var rendered = await OfAsync(overlay);

        Assert.Equal(Hosts, rendered.PlatformContainers.Select(c => c.Host).Order(StringComparer.Ordinal));
        Assert.All(rendered.PlatformContainers, c => Assert.Equal("Deployment", Str(c.Workload["kind"])));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task PlatformVariables_AreKeysTheHostsRead_AndPassStartupValidation(string overlay)
    {
        var rendered = await OfAsync(overlay);
        Assert.True(ConfigurationKeys.Count > 50, $"only {ConfigurationKeys.Count} configuration keys found by reflection");
        foreach (var container in rendered.PlatformContainers)
        {
            var settings = rendered.PlatformSettings(container.Container);
            Assert.Contains("VideoPlatform__Postgres__ConnectionString", settings.Keys);
            var unknown = settings.Keys.Where(k => !ConfigurationKeys.IsRead(k.Replace("__", ":", StringComparison.Ordinal))).ToList();
            Assert.True(unknown.Count == 0, $"{container.Name}: no host reads {string.Join(", ", unknown)}");
            Assert.Empty(PlatformConfiguration.Validate(Configuration(settings)));
        }
    }

    [Fact]
    public async Task SecretKeyRefs_NameKeysTheDevSecretHolds()
    {
        var rendered = await OfAsync("dev");
        var secrets = rendered.OfKind("Secret").ToDictionary(
            s => Str(s["metadata"]!["name"]),
            s => (s["data"]?.AsObject().Select(p => p.Key) ?? []).Concat(s["stringData"]?.AsObject().Select(p => p.Key) ?? []).ToHashSet(StringComparer.Ordinal));
        var refs = rendered.Workloads
            .SelectMany(w => Items(w["spec"]!["template"]!["spec"]!["containers"]).Concat(Items(w["spec"]!["template"]!["spec"]!["initContainers"]))
                .SelectMany(c => Items(c["env"]))
                .Select(e => e["valueFrom"]?["secretKeyRef"])
                .OfType<JsonObject>()
                .Select(r => (Workload: Str(w["metadata"]!["name"]), Secret: Str(r["name"]), Key: Str(r["key"]))))
            .ToList();

        Assert.NotEmpty(refs);
        Assert.Equal([], refs.Where(r => !(secrets.TryGetValue(r.Secret, out var keys) && keys.Contains(r.Key))).Select(r => $"{r.Workload}: {r.Secret}/{r.Key}"));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Probes_AskForPathsAndThePortTheHostServes(string overlay)
    {
        var rendered = await OfAsync(overlay);
        foreach (var container in rendered.PlatformContainers)
        {
            var shape = await rendered.HostShapeAsync(container);
            var httpPort = HttpPort(container);
            var probes = new[] { "startupProbe", "readinessProbe", "livenessProbe" }
                .Select(p => (Name: p, Get: container.Container[p]?["httpGet"]))
                .ToList();
            foreach (var (name, get) in probes)
            {
                Assert.True(get is not null, $"{container.Name} has no HTTP {name}");
                Assert.True(shape.Paths.Contains(Str(get["path"])), $"{container.Name} {name}: {Str(get["path"])} is not one of {string.Join(", ", shape.Paths)}");
                Assert.Equal(httpPort, container.Port(get["port"]));
            }

            // Liveness must not depend on PostgreSQL or the cluster (readiness does): an outage must restart nothing.
            Assert.NotEqual(Str(probes[1].Get!["path"]), Str(probes[2].Get!["path"]));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task GracePeriod_ExceedsPreStopPlusTheHostShutdownTimeout(string overlay)
    {
        var rendered = await OfAsync(overlay);
        foreach (var container in rendered.PlatformContainers)
        {
            var shape = await rendered.HostShapeAsync(container);
            var command = container.Container["lifecycle"]?["preStop"]?["exec"]?["command"]?.AsArray().Select(Str).ToList();
            var preStop = command is ["sleep", var seconds] ? int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture) : 0;
            var grace = container.PodSpec["terminationGracePeriodSeconds"] is { } g ? Int(g) : 30;

            Assert.True(grace > preStop + shape.ShutdownTimeout.TotalSeconds,
                $"{container.Name}: grace {grace} s <= preStop {preStop} s + shutdown timeout {shape.ShutdownTimeout.TotalSeconds} s");
        }
    }

    [Fact]
    public async Task ShutdownSeconds_SetsTheHostShutdownTimeout()
    {
        var shape = await HostShape.BuildAsync("silo", new Dictionary<string, string> { [ConfigurationKeys.ShutdownSeconds.Replace(":", "__", StringComparison.Ordinal)] = "17" });

        Assert.Equal(TimeSpan.FromSeconds(17), shape.ShutdownTimeout);
    }

    private static IConfiguration Configuration(IReadOnlyDictionary<string, string> settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key.Replace("__", ":", StringComparison.Ordinal), (string?)s.Value)))
            .Build();

    /// <summary>The HTTP port: the image's ASPNETCORE_HTTP_PORTS unless the pod sets its own.</summary>
    private static int HttpPort(PlatformContainer container)
    {
        var env = Items(container.Container["env"]).FirstOrDefault(e => Str(e["name"]) == "ASPNETCORE_HTTP_PORTS");
        var value = env is not null ? Str(env["value"])
            : HttpPortsLine().Match(File.ReadAllText(Path.Combine(RepoRoot, "docker", $"{container.Host}.Dockerfile"))).Groups[1].Value;
        return int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"(?m)^ENV ASPNETCORE_HTTP_PORTS=(\d+)$")]
    private static partial Regex HttpPortsLine();
}
