using System.Diagnostics;
using System.Globalization;

namespace VideoPlatform.Bench.Live;

/// <summary>A segment of a live playlist: its sequence number, media start and duration, and when it was first listed.</summary>
public sealed record SeenSegment(long Sequence, double Start, double Duration, double FirstSeen)
{
    /// <summary>From the moment its first frame left the publisher until a player could fetch it: the oldest frame's wait.</summary>
    public double LatencyFrom(double publisherStart) => FirstSeen - (publisherStart + Start);

    /// <summary>From the moment its last frame left the publisher until it was listed: what packaging and publishing add.</summary>
    public double LagFrom(double publisherStart) => FirstSeen - (publisherStart + Start + Duration);
}

/// <summary>
/// Polls a media playlist (through the Api, or a local file) every 50 ms and notes when each segment first
/// appears. Media start times are the sum of the durations listed before, from sequence 0.
/// </summary>
public sealed class PlaylistWatch(Func<CancellationToken, Task<string?>> fetch, Stopwatch clock)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    private readonly Dictionary<long, (double Duration, double FirstSeen)> seen = [];

    public int Count
    {
        get
        {
            lock (seen)
            {
                return seen.Count;
            }
        }
    }

    public double ListedSeconds
    {
        get
        {
            lock (seen)
            {
                return seen.Values.Sum(s => s.Duration);
            }
        }
    }

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            string? text = null;
            try
            {
                text = await fetch(stop);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !stop.IsCancellationRequested))
            {
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (text is not null)
            {
                var now = clock.Elapsed.TotalSeconds;
                lock (seen)
                {
                    foreach (var (sequence, duration) in Parse(text))
                    {
                        seen.TryAdd(sequence, (duration, now));
                    }
                }
            }

            try
            {
                await Task.Delay(Interval, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Every segment seen, in order, with media start times; stops at the first gap (start unknown after it).</summary>
    public IReadOnlyList<SeenSegment> Segments()
    {
        lock (seen)
        {
            var list = new List<SeenSegment>();
            double start = 0;
            for (long sequence = 0; seen.TryGetValue(sequence, out var s); sequence++)
            {
                list.Add(new SeenSegment(sequence, start, s.Duration, s.FirstSeen));
                start += s.Duration;
            }

            return list;
        }
    }

    public static IEnumerable<(long Sequence, double Duration)> Parse(string playlist)
    {
        long sequence = 0;
        double? duration = null;
        foreach (var raw in playlist.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("#EXT-X-MEDIA-SEQUENCE:", StringComparison.Ordinal))
            {
                sequence = long.Parse(line["#EXT-X-MEDIA-SEQUENCE:".Length..], CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("#EXTINF:", StringComparison.Ordinal))
            {
                duration = double.Parse(line["#EXTINF:".Length..].Split(',')[0], CultureInfo.InvariantCulture);
            }
            else if (line.Length > 0 && line[0] != '#' && duration is { } d)
            {
                yield return (sequence++, d);
                duration = null;
            }
        }
    }
}
