namespace VideoPlatform.TranscodeSilo.Transcoding.Worker;

/// <summary>The encode's latest percent, written by ffmpeg's progress reader and read by the reporting loop.</summary>
internal sealed class LatestProgress : IProgress<double>
{
    private int percent;

    public int Percent => Volatile.Read(ref percent);

    public void Report(double value) => Volatile.Write(ref percent, (int)Math.Clamp(value, 0, 100));
}
