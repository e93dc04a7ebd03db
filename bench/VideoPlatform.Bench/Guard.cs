using VideoPlatform.Bench.Report;
using VideoPlatform.Bench.Tools;

namespace VideoPlatform.Bench;

/// <summary>A benchmark that throws becomes "not measured" rows with the reason: the suite reports, it never fails.</summary>
public static class Guard
{
    public static async Task<IReadOnlyList<Figure>> RunAsync(Func<Task<IReadOnlyList<Figure>>> bench, params (string Id, string Name)[] rows)
    {
        try
        {
            return await bench();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Say.Line($"{string.Join(", ", rows.Select(r => r.Id))} failed: {ex}");
            return rows.Select(r => Figure.NotMeasuredRow(r.Id, r.Name, "error: " + FirstLine(ex.Message))).ToList();
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim().Replace('|', '/');
}
