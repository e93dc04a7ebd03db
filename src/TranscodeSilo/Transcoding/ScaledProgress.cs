namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>Maps one step's 0-100 onto its slice [from, to] of the overall progress.</summary>
internal sealed class ScaledProgress(IProgress<double> inner, double from, double to) : IProgress<double>
{
    public void Report(double value) => inner.Report(from + (to - from) * Math.Clamp(value, 0, 100) / 100);
}
