using System.Globalization;

namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>A frame rate as the rational ffmpeg uses (30000/1001 stays exact instead of 29.97).</summary>
public readonly record struct FrameRate(int Numerator, int Denominator)
{
    public double Value => Denominator == 0 ? 0 : (double)Numerator / Denominator;

    /// <summary>Parses ffprobe's "num/den"; "0/0" and garbage mean unknown.</summary>
    public static FrameRate? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var num)
            || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var den)
            || num <= 0 || den <= 0)
        {
            return null;
        }

        var gcd = Gcd(num, den);
        return new FrameRate(num / gcd, den / gcd);
    }

    /// <summary>The form ffmpeg's fps filter accepts: "30" or "30000/1001".</summary>
    public override string ToString() => Denominator == 1
        ? Numerator.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}");

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
