using System.Globalization;
using System.Text.Json;

namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>Turns ffprobe's JSON (-show_format -show_streams) into a source or a rejection. Pure.</summary>
public static class ProbeClassifier
{
    // Still-image codecs: a lone frame of these is a picture, whatever the file is called.
    private static readonly HashSet<string> ImageCodecs = new(StringComparer.Ordinal)
    {
        "png", "mjpeg", "jpegls", "bmp", "webp", "tiff", "jpeg2000", "gif", "ppm", "pgm", "pam", "qoi", "jpegxl",
    };

    /// <param name="scan">The packets of the first video stream; without one the header's duration is taken on trust.</param>
    public static ProbeResult Classify(string json, long size, ProbeLimits limits, PacketScan? scan = null)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var format = root.TryGetProperty("format", out var f) ? f : default;
        var formatName = Text(format, "format_name") ?? "unknown";
        var streams = root.TryGetProperty("streams", out var s) ? s.EnumerateArray().ToList() : [];

        // Cover art in an audio file is a video stream flagged attached_pic; it does not make the file a video.
        var video = streams.FirstOrDefault(x => Text(x, "codec_type") == "video" && !IsAttachedPicture(x));
        if (video.ValueKind != JsonValueKind.Object)
        {
            return streams.Any(x => Text(x, "codec_type") == "audio")
                ? ProbeResult.Reject(RejectionReason.NotVideo, "The file holds audio only.")
                : ProbeResult.Reject(RejectionReason.NotVideo, $"The file ({formatName}) holds no video stream.");
        }

        var codec = Text(video, "codec_name");
        if (codec is null or "none")
        {
            var tag = Text(video, "codec_tag_string") ?? "?";
            return ProbeResult.Reject(RejectionReason.UnsupportedCodec, $"The video codec (tag {tag}) is not supported.");
        }

        var declared = Seconds(format, "duration") ?? Seconds(video, "duration");
        var frames = Number(video, "nb_frames");
        if (formatName.EndsWith("_pipe", StringComparison.Ordinal) || formatName == "image2"
            || (ImageCodecs.Contains(codec) && (declared is null || frames is <= 1)))
        {
            return ProbeResult.Reject(RejectionReason.NotVideo, $"The file is a still image ({codec}), not a video.");
        }

        var width = (int)(Number(video, "width") ?? 0);
        var height = (int)(Number(video, "height") ?? 0);
        if (width <= 0 || height <= 0)
        {
            return ProbeResult.Reject(RejectionReason.Corrupt, "The video stream has no picture size.");
        }

        // Decoding costs the coded size, the ladder the displayed one (a stretched pixel aspect widens the picture).
        var rotation = Rotation(video);
        var (codedWidth, codedHeight) = (width, height);
        (width, height) = DisplaySize(width, height, Text(video, "sample_aspect_ratio"), rotation);
        if (!limits.Fits(codedWidth, codedHeight) || !limits.Fits(width, height))
        {
            return ProbeResult.Reject(
                RejectionReason.TooLarge, $"The picture is {codedWidth}x{codedHeight}; the limit is {limits.MaxWidth}x{limits.MaxHeight}.");
        }

        var duration = declared is > 0 ? declared : scan?.Span?.TotalSeconds;
        if (duration is not > 0)
        {
            return ProbeResult.Reject(RejectionReason.Corrupt, "The duration of the file is unknown.");
        }

        var length = TimeSpan.FromSeconds(duration.Value);
        if (length > limits.MaxDuration)
        {
            return ProbeResult.Reject(RejectionReason.TooLong, $"The video lasts {length:g}; the limit is {limits.MaxDuration:g}.");
        }

        var videoDuration = Seconds(video, "duration") is double own and > 0 ? TimeSpan.FromSeconds(own) : (TimeSpan?)null;
        if (scan is not null && PacketScanRules.Check(scan, declared is > 0 ? videoDuration ?? length : null, frames) is { } damaged)
        {
            return new ProbeResult.Rejected(damaged);
        }
        var avg = FrameRate.Parse(Text(video, "avg_frame_rate"));
        var nominal = FrameRate.Parse(Text(video, "r_frame_rate"));
        var rate = avg ?? nominal ?? new FrameRate(30, 1);
        var variable = avg is { } a && nominal is { } n && Math.Abs(a.Value - n.Value) > a.Value * 0.01;
        var audio = streams.FirstOrDefault(x => Text(x, "codec_type") == "audio");
        var hasAudio = audio.ValueKind == JsonValueKind.Object;

        return new ProbeResult.Accepted(new SourceInfo(
            formatName,
            length,
            width,
            height,
            rotation,
            rate,
            variable,
            codec,
            Text(video, "pix_fmt"),
            hasAudio ? Text(audio, "codec_name") ?? "unknown" : null,
            hasAudio ? (int)(Number(audio, "channels") ?? 0) : 0,
            Number(format, "bit_rate") ?? 0,
            size)
        {
            VideoDuration = videoDuration,
        });
    }

    private static bool IsAttachedPicture(JsonElement stream) =>
        stream.TryGetProperty("disposition", out var d) && d.TryGetProperty("attached_pic", out var p)
        && p.ValueKind == JsonValueKind.Number && p.GetInt32() == 1;

    private static int Rotation(JsonElement video)
    {
        double degrees = 0;
        if (video.TryGetProperty("side_data_list", out var list))
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.TryGetProperty("rotation", out var r) && r.ValueKind == JsonValueKind.Number)
                {
                    degrees = r.GetDouble();
                }
            }
        }
        else if (video.TryGetProperty("tags", out var tags) && Seconds(tags, "rotate") is { } tagged)
        {
            degrees = tagged;
        }

        var quarter = (int)Math.Round(degrees / 90.0);
        return ((quarter * 90 % 360) + 360) % 360;
    }

    private static (int Width, int Height) DisplaySize(int width, int height, string? sampleAspect, int rotation)
    {
        var sar = sampleAspect?.Split(':');
        if (sar is [var num, var den] && int.TryParse(num, CultureInfo.InvariantCulture, out var n)
            && int.TryParse(den, CultureInfo.InvariantCulture, out var d) && n > 0 && d > 0 && n != d)
        {
            width = (int)Math.Round(width * (double)n / d);
        }

        return rotation is 90 or 270 ? (height, width) : (width, height);
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;

    private static double? Seconds(JsonElement element, string name) =>
        double.TryParse(Text(element, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static long? Number(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var v))
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.Number => v.GetInt64(),
            JsonValueKind.String when long.TryParse(v.GetString(), CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
    }
}
