using System.Globalization;

namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>
/// What a demux-only pass over the first video stream found: how many packets (frames) the file really holds and how
/// far their timestamps reach. Headers can lie or say nothing (a browser's MediaRecorder writes no duration); the
/// packets cannot.
/// </summary>
public sealed record PacketScan(long Packets, TimeSpan? Span)
{
    /// <summary>ffprobe arguments after the input: one "pts_time,duration_time" line per video packet.</summary>
    public static IReadOnlyList<string> Entries { get; } =
        ["-select_streams", "v:0", "-show_entries", "packet=pts_time,duration_time", "-of", "csv=p=0"];

    /// <summary>Reads ffprobe's lines one at a time, so a six-hour file costs no memory. Not thread-safe.</summary>
    public sealed class Builder
    {
        private long packets;
        private double? first;
        private double? end;
        private double durations;

        public void Add(string line)
        {
            var comma = line.IndexOf(',', StringComparison.Ordinal);
            if (line.Length == 0)
            {
                return;
            }

            packets++;
            var duration = comma < 0 ? null : Parse(line[(comma + 1)..]);
            durations += duration ?? 0;
            var pts = Parse(comma < 0 ? line : line[..comma]);
            if (pts is not { } at)
            {
                return;
            }

            first = first is { } f && f <= at ? f : at;
            var until = at + (duration ?? 0);
            end = end is { } e && e >= until ? e : until;
        }

        /// <summary>Raw elementary streams (h264, hevc) carry no timestamps: their packets' durations add up instead.</summary>
        public PacketScan Build() =>
            new(packets, first is { } f && end is { } e && e > f ? TimeSpan.FromSeconds(e - f) : durations > 0 ? TimeSpan.FromSeconds(durations) : null);

        private static double? Parse(string text) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;
    }
}
