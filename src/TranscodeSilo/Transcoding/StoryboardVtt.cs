using System.Globalization;
using System.Text;

namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>Writes the WebVTT that maps each time interval to its tile in the sprite ("#xywh=" media fragments). Pure.</summary>
public static class StoryboardVtt
{
    public static string Write(StoryboardPlan plan, string spriteUri)
    {
        var vtt = new StringBuilder("WEBVTT\n");
        for (var i = 0; i < plan.Count; i++)
        {
            var start = TimeSpan.FromSeconds((double)i * plan.IntervalSeconds);
            var end = i == plan.Count - 1 ? plan.Duration : TimeSpan.FromSeconds((double)(i + 1) * plan.IntervalSeconds);
            var x = i % plan.Columns * plan.TileWidth;
            var y = i / plan.Columns * plan.TileHeight;
            vtt.Append(CultureInfo.InvariantCulture, $"\n{Timestamp(start)} --> {Timestamp(end)}\n");
            vtt.Append(CultureInfo.InvariantCulture, $"{spriteUri}#xywh={x},{y},{plan.TileWidth},{plan.TileHeight}\n");
        }

        return vtt.ToString();
    }

    private static string Timestamp(TimeSpan t) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00}.{t.Milliseconds:000}");
}
