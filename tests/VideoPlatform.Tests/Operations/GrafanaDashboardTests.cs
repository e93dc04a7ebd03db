using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VideoPlatform.Grains.Platform;

namespace VideoPlatform.Tests.Operations;

/// <summary>k8s/grafana/videoplatform-dashboard.json against the series the Prometheus exporter writes for the code's instruments.</summary>
[Trait("Category", "Unit")]
public sealed partial class GrafanaDashboardTests
{
    /// <summary>
    /// The framework instruments the dashboard reads, as their libraries create them: ASP.NET Core's request duration
    /// in seconds, Orleans 10's grain-call latency in milliseconds (OrleansInstrumentsTests checks these against a live cluster).
    /// </summary>
    public static readonly IReadOnlyList<PrometheusSeries> Framework =
    [
        new("http.server.request.duration", "s", ExportedKind.Histogram),
        new("orleans-grains", null, ExportedKind.Gauge),
        new("orleans-app-requests-latency", "ms", ExportedKind.Histogram),
        new("orleans-catalog-activations", null, ExportedKind.Gauge),
    ];

    /// <summary>
    /// Labels a panel may split by: <c>pod</c>, which the usual annotation scrape (kubernetes-pods relabelling) puts on
    /// every series and which names a host the way kubectl does, the histogram's <c>le</c>, and the instrument tags
    /// the panels use. Resource attributes such as <c>service_name</c> or <c>service_instance_id</c> are not labels of
    /// the exporter's series; <c>instance</c> is, but one label for a host keeps the panels comparable.
    /// </summary>
    private static readonly HashSet<string> SplitLabels = ["pod", "le", "outcome", "http_response_status_code"];

    private static readonly string DashboardFile = Path.Combine(RenderedManifests.RepoRoot, "k8s", "grafana", "videoplatform-dashboard.json");

    [Fact]
    public void EveryPanel_QueriesOnlySeriesTheExporterWrites()
    {
        var written = PrometheusSeries.Platform().Concat(Framework).SelectMany(i => i.Names).ToHashSet(StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (var (title, series, _) in Panels())
        {
            if (series.Count == 0)
            {
                failures.Add($"{title}: no metric");
            }

            failures.AddRange(series.Where(s => !written.Contains(s)).Select(s => $"{title}: the exporter writes no series {s}"));
        }

        Assert.Equal([], failures);
    }

    [Fact]
    public void EveryPlatformInstrument_HasAPanel()
    {
        var queried = Panels().SelectMany(p => p.Series).ToHashSet(StringComparer.Ordinal);
        var platform = PrometheusSeries.Platform();

        Assert.Equal(MetricNames.Platform.Order(StringComparer.Ordinal), platform.Select(i => i.Instrument).Order(StringComparer.Ordinal));
        Assert.Equal([], platform.Where(i => !i.Names.Any(queried.Contains)).Select(i => i.Instrument));
    }

    [Fact]
    public void Panels_GroupOnlyByLabelsAScrapedSeriesCarries()
    {
        var failures = Panels().SelectMany(p => p.GroupedBy.Where(l => !SplitLabels.Contains(l)).Select(l => $"{p.Title}: by {l}")).ToList();

        Assert.Equal([], failures);
    }

    private static List<(string Title, List<string> Series, List<string> GroupedBy)> Panels()
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(DashboardFile))!;
        var panels = dashboard["panels"]!.AsArray();
        Assert.NotEmpty(panels);
        return panels.Select(p =>
        {
            var expressions = p!["targets"]!.AsArray().Select(t => t!["expr"]!.GetValue<string>()).ToList();
            return (
                p["title"]!.GetValue<string>(),
                expressions.SelectMany(e => SeriesName().Matches(Labels().Replace(e, "")).Select(m => m.Value)).Distinct().ToList(),
                expressions.SelectMany(e => Grouping().Matches(e)).SelectMany(m => m.Groups["labels"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Distinct().ToList());
        }).ToList();
    }

    [GeneratedRegex(@"\b(?:vp|http|orleans)_[a-z0-9_]+")]
    private static partial Regex SeriesName();

    /// <summary>Label names (in by/without lists and selectors) are not series.</summary>
    [GeneratedRegex(@"\b(?:by|without)\s*\([^)]*\)|\{[^}]*\}")]
    private static partial Regex Labels();

    [GeneratedRegex(@"\bby\s*\((?<labels>[^)]*)\)")]
    private static partial Regex Grouping();
}
