using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace VideoPlatform.Tests.Operations;

/// <summary>
/// One overlay of k8s/ as <c>kubectl kustomize</c> renders it, parsed into JSON nodes (every scalar a string), with
/// the questions the manifest tests ask of it.
/// </summary>
public sealed class RenderedManifests
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<RenderedManifests>>> Cache = new();

    private RenderedManifests(IReadOnlyList<JsonObject> objects) => Objects = objects;

    public static string RepoRoot { get; } = FindRepoRoot();

    public IReadOnlyList<JsonObject> Objects { get; }

    public static Task<RenderedManifests> OfAsync(string overlay) =>
        Cache.GetOrAdd(overlay, o => new Lazy<Task<RenderedManifests>>(() => RenderAsync(o))).Value;

    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => Str(o["kind"]) == kind);

    public JsonObject Get(string kind, string name) =>
        OfKind(kind).SingleOrDefault(o => Str(o["metadata"]?["name"]) == name)
        ?? throw new InvalidOperationException($"no {kind} {name} in the rendered manifests");

    /// <summary>Deployments, StatefulSets and Jobs: everything with a pod template.</summary>
    public IEnumerable<JsonObject> Workloads => Objects.Where(o => o["spec"]?["template"] is JsonObject);

    /// <summary>Containers that run one of the platform's own images (videoplatform/NAME or REGISTRY/videoplatform/NAME).</summary>
    public IEnumerable<PlatformContainer> PlatformContainers =>
        from workload in Workloads
        from container in Items(workload["spec"]!["template"]!["spec"]!["containers"])
        let host = PlatformHost(Str(container["image"]))
        where host is not null
        select new PlatformContainer(workload, container, host);

    /// <summary>
    /// The <c>VideoPlatform__*</c> variables a container gets (env and envFrom), valued as the pod would see them: from
    /// the rendered ConfigMaps and Secrets, or a placeholder where the operator supplies the Secret (prod).
    /// </summary>
    public IReadOnlyDictionary<string, string> PlatformSettings(JsonObject container)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var source in Items(container["envFrom"]))
        {
            var values = source["configMapRef"] is { } map ? ConfigMapData(Str(map["name"]))
                : source["secretRef"] is { } secret ? SecretData(Str(secret["name"]))
                : [];
            foreach (var (name, value) in values)
            {
                settings[name] = value;
            }
        }

        foreach (var env in Items(container["env"]))
        {
            settings[Str(env["name"])] = env["value"] is { } literal ? Str(literal) : ValueFrom(env["valueFrom"]!.AsObject());
        }

        return settings.Where(s => s.Key.StartsWith("VideoPlatform__", StringComparison.Ordinal)).ToDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The host of <paramref name="container"/> built with the settings its pod gets.</summary>
    public Task<HostShape> HostShapeAsync(PlatformContainer container) =>
        HostShape.BuildAsync(container.Host, PlatformSettings(container.Container));

    public static bool Matches(JsonNode? selector, JsonNode? labels)
    {
        var wanted = selector?["matchLabels"]?.AsObject() ?? selector?.AsObject();
        return wanted is { Count: > 0 } && labels is JsonObject have
            && wanted.All(w => Str(have[w.Key]) == Str(w.Value));
    }

    public static IEnumerable<JsonObject> Items(JsonNode? node) => node is JsonArray array ? array.OfType<JsonObject>() : [];

    public static string Str(JsonNode? node) => node?.ToString() ?? string.Empty;

    public static int Int(JsonNode? node) => int.Parse(Str(node), System.Globalization.CultureInfo.InvariantCulture);

    private Dictionary<string, string> ConfigMapData(string name) =>
        Get("ConfigMap", name)["data"]?.AsObject().ToDictionary(p => p.Key, p => Str(p.Value)) ?? [];

    private Dictionary<string, string> SecretData(string name)
    {
        var secret = OfKind("Secret").SingleOrDefault(o => Str(o["metadata"]?["name"]) == name);
        var data = secret?["data"]?.AsObject().ToDictionary(p => p.Key, p => Encoding.UTF8.GetString(Convert.FromBase64String(Str(p.Value)))) ?? [];
        foreach (var (key, value) in secret?["stringData"]?.AsObject() ?? [])
        {
            data[key] = Str(value);
        }

        return data;
    }

    private string ValueFrom(JsonObject from)
    {
        if (from["configMapKeyRef"] is { } map)
        {
            return ConfigMapData(Str(map["name"]))[Str(map["key"])];
        }

        if (from["secretKeyRef"] is { } secret)
        {
            return SecretData(Str(secret["name"])).TryGetValue(Str(secret["key"]), out var value) ? value : $"operator-supplied {Str(secret["key"])}";
        }

        // The downward API: the pod's address is an IP, everything else a name.
        return Str(from["fieldRef"]?["fieldPath"]) == "status.podIP" ? "10.0.0.10" : "pod";
    }

    private static string? PlatformHost(string image)
    {
        var path = image.Split('@')[0];
        var lastSlash = path.LastIndexOf('/');
        var name = path[(lastSlash + 1)..].Split(':')[0];
        var parent = lastSlash < 0 ? string.Empty : path[..lastSlash].Split('/')[^1];
        return parent == "videoplatform" ? name : null;
    }

    private static async Task<RenderedManifests> RenderAsync(string overlay)
    {
        var start = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(Path.Combine(RepoRoot, "k8s", "overlays", overlay));
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException("kubectl is required to render k8s/ (its built-in kustomize): install it and run the tests again", ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                throw new TimeoutException($"kubectl kustomize k8s/overlays/{overlay} did not finish within 120 s");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"kubectl kustomize k8s/overlays/{overlay} failed: {await stderr}");
            }

            var stream = new YamlStream();
            stream.Load(new StringReader(await stdout));
            return new RenderedManifests(stream.Documents.Select(d => ToJson(d.RootNode)).OfType<JsonObject>().ToList());
        }
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(c =>
            KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode scalar => scalar.Value is null ? null : JsonValue.Create(scalar.Value),
        _ => null,
    };

    private static string FindRepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "VideoPlatform.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No VideoPlatform.sln above {AppContext.BaseDirectory}");
    }
}

/// <summary>A container of a platform image; <see cref="Host"/> is the image's name: api, silo or transcode-silo.</summary>
public sealed record PlatformContainer(JsonObject Workload, JsonObject Container, string Host)
{
    public JsonObject PodSpec => Workload["spec"]!["template"]!["spec"]!.AsObject();

    public JsonNode? PodLabels => Workload["spec"]!["template"]!["metadata"]?["labels"];

    public string Name => RenderedManifests.Str(Workload["metadata"]?["name"]);

    /// <summary>The container port a probe or Service names (or gives as a number).</summary>
    public int Port(JsonNode? nameOrNumber)
    {
        var text = RenderedManifests.Str(nameOrNumber);
        return int.TryParse(text, out var number) ? number
            : RenderedManifests.Items(Container["ports"]).Where(p => RenderedManifests.Str(p["name"]) == text)
                .Select(p => RenderedManifests.Int(p["containerPort"])).DefaultIfEmpty(-1).Single();
    }
}
