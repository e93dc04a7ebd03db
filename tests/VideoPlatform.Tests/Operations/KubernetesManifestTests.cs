using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using VideoPlatform.Grains.Transcoding;
using VideoPlatform.Hosting.Configuration;
using VideoPlatform.TranscodeSilo.Transcoding.Worker;
using static VideoPlatform.Tests.Operations.RenderedManifests;

namespace VideoPlatform.Tests.Operations;

/// <summary>
/// k8s/ checked without a cluster: both overlays rendered by <c>kubectl kustomize</c>, then held against the code —
/// configuration keys, served paths and ports, shutdown timeouts, Dockerfiles, published metrics.
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
            var policies = rendered.OfKind("NetworkPolicy")
                .Where(p => Matches(p["spec"]!["podSelector"], silo.PodLabels)
                    && (p["spec"]!["policyTypes"]?.AsArray().Any(t => Str(t) == "Ingress") ?? true))
                .ToList();
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

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Images_AreBuiltByTheRepositorysDockerfiles_WithFfmpegOnlyForTheMediaPool(string overlay)
    {
        var rendered = await OfAsync(overlay);
        foreach (var container in rendered.PlatformContainers)
        {
            var path = Path.Combine(RepoRoot, "docker", $"{container.Host}.Dockerfile");
            Assert.True(File.Exists(path), $"{container.Name}: image {Str(container.Container["image"])} has no {path}");
            var text = File.ReadAllText(path);
            Assert.Matches(@"(?m)^FROM mcr\.microsoft\.com/dotnet/sdk:\S+ AS build$", text);
            Assert.Matches(@"(?m)^FROM mcr\.microsoft\.com/dotnet/aspnet:\S+$", text);
            Assert.Matches(@"(?m)^USER \$APP_UID$", text);
            var project = PublishedProject().Match(text).Groups[1].Value;
            Assert.True(File.Exists(Path.Combine(RepoRoot, project)), $"{path} publishes {project}, which does not exist");
            Assert.Contains($"\"{Path.GetFileNameWithoutExtension(project)}.dll\"", text, StringComparison.Ordinal);
            Assert.Equal(container.Host == "transcode-silo", text.Contains("ffmpeg", StringComparison.Ordinal));
            var port = HttpPort(container);
            Assert.Equal(port, container.Port("http"));
        }
    }

    [Fact]
    public void ApiImage_BuildsTheWebAppInANodeStage_AndPublishesItIntoWwwroot()
    {
        var text = File.ReadAllText(Path.Combine(RepoRoot, "docker", "api.Dockerfile"));
        var web = WebStage().Match(text);
        Assert.True(web.Success, "api.Dockerfile has no Node stage (FROM node:... AS web) building web/");
        var stage = web.Groups["body"].Value;
        Assert.Contains("npm ci", stage, StringComparison.Ordinal);
        Assert.Contains("npm run build", stage, StringComparison.Ordinal);

        // The Api's publish copies web/dist to wwwroot (src/Api/WebApp.targets); the SDK image has no Node to build it.
        var copy = text.IndexOf("COPY --from=web /repo/web/dist web/dist/", StringComparison.Ordinal);
        var publish = PublishedProject().Match(text);
        Assert.InRange(copy, 0, publish.Index);
        Assert.Contains("-p:SkipWebApp=true", text[publish.Index..], StringComparison.Ordinal);
        var targets = File.ReadAllText(Path.Combine(RepoRoot, "src", "Api", "WebApp.targets"));
        Assert.Contains("AfterTargets=\"ComputeResolvedFilesToPublishList\"", targets, StringComparison.Ordinal);
        Assert.Contains("<ResolvedFileToPublish Include=\"@(WebAppPublished)\" RelativePath=\"wwwroot\\", targets, StringComparison.Ordinal);
        Assert.DoesNotContain("web", File.ReadAllLines(Path.Combine(RepoRoot, ".dockerignore")));
    }

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

    private static IConfiguration Configuration(IReadOnlyDictionary<string, string> settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key.Replace("__", ":", StringComparison.Ordinal), (string?)s.Value)))
            .Build();

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

    /// <summary>The HTTP port: the image's ASPNETCORE_HTTP_PORTS unless the pod sets its own.</summary>
    private static int HttpPort(PlatformContainer container)
    {
        var env = Items(container.Container["env"]).FirstOrDefault(e => Str(e["name"]) == "ASPNETCORE_HTTP_PORTS");
        var value = env is not null ? Str(env["value"])
            : HttpPortsLine().Match(File.ReadAllText(Path.Combine(RepoRoot, "docker", $"{container.Host}.Dockerfile"))).Groups[1].Value;
        return int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
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

    [GeneratedRegex(@"dotnet publish (\S+\.csproj)")]
    private static partial Regex PublishedProject();

    [GeneratedRegex(@"(?m)^ENV ASPNETCORE_HTTP_PORTS=(\d+)$")]
    private static partial Regex HttpPortsLine();

    [GeneratedRegex(@"(?ms)^FROM node:\S+ AS web$(?<body>.*?)^FROM ")]
    private static partial Regex WebStage();

    [GeneratedRegex(@"\bvp_[a-z_]+")]
    private static partial Regex MetricName();
}
