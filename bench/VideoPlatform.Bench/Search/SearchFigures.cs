using VideoPlatform.Bench.Platform;
using VideoPlatform.Bench.Report;
using VideoPlatform.Bench.Tools;

namespace VideoPlatform.Bench.Search;

/// <summary>Figures 8a and 8c on one platform of their own (./vp up, PostgreSQL search provider).</summary>
public static class SearchFigures
{
    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchOptions options, Workspace work)
    {
        var rows = Rows.Of("8a", "8c").Where(r => options.Selected(r.Id)).ToArray();
        if (rows.Length == 0)
        {
            return [];
        }

        if (options.SkipPlatform)
        {
            return rows.Select(r => Figure.NotMeasuredRow(r.Id, r.Name, "--no-platform")).ToList();
        }

        return await Guard.RunAsync(async () =>
        {
            await using var platform = await PlatformProcess.StartAsync(options, TimeSpan.FromSeconds(180));
            var figures = new List<Figure>();
            if (options.Selected("8c"))
            {
                using var api = new ApiClient(platform.Api);
                await api.SignInAsync();
                figures.AddRange(await Guard.RunAsync(async () => [await IndexLagBench.RunAsync(options, platform, api, work)], Rows.Row("8c")));
            }

            if (options.Selected("8a"))
            {
                var connection = platform.PostgresConnectionString ?? throw new InvalidOperationException("the platform runs without PostgreSQL");
                figures.AddRange(await Guard.RunAsync(async () => [await SearchLatencyBench.RunAsync(options, connection)], Rows.Row("8a")));
            }

            return figures;
        }, rows);
    }
}
