using System.Globalization;

namespace VideoPlatform.Bench.Tools;

/// <summary>Progress lines on stderr, so stdout holds only the table.</summary>
public static class Say
{
    public static void Line(string message) => Console.Error.WriteLine("bench: " + message);

    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    public static string Number(double value, string format = "0.##") => value.ToString(format, CultureInfo.InvariantCulture);
}
