using System.Globalization;
using System.Text.RegularExpressions;
using VideoPlatform.Bench.Tools;

namespace VideoPlatform.Bench.Load;

public sealed record WrkResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Failures);

/// <summary>wrk (the Debian package) against one loopback URL for a bounded time, with 2 threads.</summary>
public static partial class Wrk
{
    public static async Task<WrkResult> RunAsync(Uri url, TimeSpan duration, int connections)
    {
        if (!url.IsLoopback)
        {
            throw new ArgumentException("the load generator only targets loopback", nameof(url));
        }

        var seconds = Math.Max(1, (int)Math.Round(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var (code, stdout, stderr) = await Processes.RunAsync("wrk",
            ["-t2", $"-c{connections}", $"-d{seconds}s", "--timeout", "5s", "--latency", url.ToString()]);
        if (code != 0)
        {
            throw new InvalidOperationException($"wrk failed ({code}): {stderr.Trim()}");
        }

        var result = Parse(stdout);
        return result.Requests == 0 ? throw new InvalidOperationException($"wrk made no requests: {stdout}") : result;
    }

    public static WrkResult Parse(string output)
    {
        var rps = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var requests = long.Parse(Requests().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var non2xx = Non2xx().Match(output) is { Success: true } n ? long.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var socket = SocketErrors().Match(output) is { Success: true } s
            ? s.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture))
            : 0;
        return new WrkResult(rps, Percentile(output, "50"), Percentile(output, "99"), requests, non2xx + socket);
    }

    private static double Percentile(string output, string percent)
    {
        var match = Regex.Match(output, $@"^\s*{percent}(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline, TimeSpan.FromSeconds(1));
        if (!match.Success)
        {
            return double.NaN;
        }

        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex Requests();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
