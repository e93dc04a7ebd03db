using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VideoPlatform.Grains.Platform;

namespace VideoPlatform.Tests.Operations;

/// <summary>k8s/grafana/videoplatform-dashboard.json against the instrument names the code publishes.</summary>
[Trait("Category", "Unit")]
public sealed partial class GrafanaDashboardTests
{
    private static readonly string DashboardFile = Path.Combine(RenderedManifests.RepoRoot, "k8s", "grafana", "videoplatform-dashboard.json");

    [Fact]
    public void EveryPanel_QueriesOnlyMetricsTheCodePublishes()
    {
        var known = MetricNames.Platform.Concat(MetricNames.Orleans).Append(MetricNames.HttpRequestDuration)
            .Select(PrometheusName).ToHashSet(StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (var (title, series) in Panels())
        {
            if (series.Count == 0)
            {
                failures.Add($"{title}: no metric");
            }

            failures.AddRange(series.Where(s => !Candidates(s).Any(known.Contains)).Select(s => $"{title}: {s} is not an instrument of the code"));
        }

        Assert.Equal([], failures);
    }

    [Fact]
    public void EveryPlatformInstrument_HasAPanel()
    {
        var queried = Panels().SelectMany(p => p.Series).SelectMany(Candidates).ToHashSet(StringComparer.Ordinal);

        Assert.Equal([], MetricNames.Platform.Where(name => !queried.Contains(PrometheusName(name))));
    }

    private static List<(string Title, List<string> Series)> Panels()
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(DashboardFile))!;
        var panels = dashboard["panels"]!.AsArray();
        Assert.NotEmpty(panels);
        return panels.Select(p => (
            p!["title"]!.GetValue<string>(),
            p["targets"]!.AsArray().SelectMany(t => SeriesName().Matches(Labels().Replace(t!["expr"]!.GetValue<string>(), "")).Select(m => m.Value)).Distinct().ToList()))
            .ToList();
    }

    /// <summary>How the Prometheus exporter spells an instrument: dots and dashes become underscores.</summary>
    private static string PrometheusName(string instrument) => instrument.Replace('.', '_').Replace('-', '_');

    /// <summary>A series back to its instrument: without the histogram/counter suffix and the unit the exporter appends.</summary>
    private static IEnumerable<string> Candidates(string series)
    {
        var name = HistogramSuffix().Replace(series, "");
        name = name.EndsWith("_total", StringComparison.Ordinal) ? name[..^"_total".Length] : name;
        yield return name;
        yield return UnitSuffix().Replace(name, "");
    }

    [GeneratedRegex(@"\b(?:vp|http|orleans)_[a-z0-9_]+")]
    private static partial Regex SeriesName();

    /// <summary>Label names (in by/without lists and selectors) are not series.</summary>
    [GeneratedRegex(@"\b(?:by|without)\s*\([^)]*\)|\{[^}]*\}")]
    private static partial Regex Labels();

    [GeneratedRegex("_(bucket|sum|count)$")]
    private static partial Regex HistogramSuffix();

    [GeneratedRegex("_(seconds|milliseconds|bytes|ratio)$")]
    private static partial Regex UnitSuffix();
}
