using VideoPlatform.Bench.Tools;

namespace VideoPlatform.Bench.Measure;

/// <summary>
/// Redoes a timed run during which the kernel made a free-page reporting pass (handed free memory back to the host),
/// on either side of a figure alike. Such a run measures the hypervisor: of 30 primed 2 GiB file copies, the 15 with a
/// pass during the run read 1567-2220 MiB/s (0.92-1.31 s of CPU) and the 15 without 2517-3197 (0.63-0.81 s), with no
/// overlap. A run is tried up to <see cref="Attempts"/> times; the last attempt counts whatever happened, and the
/// figure's note says how many runs were redone and how many kept a pass. Where the kernel does not expose its passes,
/// every run counts as it comes.
/// </summary>
public sealed class QuietRuns
{
    public const int Attempts = 4;

    public int Redone { get; private set; }

    public int KeptDisturbed { get; private set; }

    /// <summary>One sample: <paramref name="once"/> runs, telling its <see cref="Window"/> when its clock starts and stops.</summary>
    public async Task<double> RunAsync(Func<Window, Task<double>> once)
    {
        for (var attempt = 1; ; attempt++)
        {
            var window = new Window();
            var value = await once(window);
            if (!window.Disturbed)
            {
                return value;
            }

            if (attempt == Attempts)
            {
                KeptDisturbed++;
                Say.Line($"  kept: a reporting pass ran during each of {Attempts} attempts");
                return value;
            }

            Redone++;
            Say.Line("  redone: the kernel handed free memory to the host during that run");
        }
    }

    /// <summary>For the figure's note.</summary>
    public string Describe() =>
        PageCachePrimer.ReportingPasses() is null
            ? "free-page reporting passes not visible here: every run counted"
            : $"runs redone because the kernel handed free memory to the host during them: {Redone}; kept with a pass after {Attempts} attempts: {KeptDisturbed}";

    /// <summary>The reporting pass count when a run's clock started and stopped.</summary>
    public sealed class Window
    {
        private long? started;
        private long? stopped;

        public void Start() => started = PageCachePrimer.ReportingPasses();

        public void Stop() => stopped = PageCachePrimer.ReportingPasses();

        public bool Disturbed => started is { } a && stopped is { } b && a != b;
    }
}
