namespace VideoPlatform.Bench;

/// <summary>Command line: --full (default quick), --root REPO, --data FOLDER (the platform's VP_DATA), --no-platform.</summary>
public sealed record BenchOptions
{
    public bool Full { get; init; }

    public required string RepoRoot { get; init; }

    public required string DataFolder { get; init; }

    public bool SkipPlatform { get; init; }

    /// <summary>--render FILE: rewrite the docs section from a saved results file, measuring nothing.</summary>
    public string? Render { get; init; }

    public string Mode => Full ? "full" : "quick";

    public int TranscodeClipSeconds => Full ? 10 : 5;

    public int TranscodeRuns => 3;

    public int ReadyClipSeconds => Full ? 60 : 10;

    public int ReadyRuns => 2;

    public int UploadMiB => Full ? 512 : 128;

    public int UploadRuns => Full ? 5 : 3;

    public TimeSpan LoadDuration => TimeSpan.FromSeconds(Full ? 5 : 2);

    public int LoadRuns => 3;

    public int LoadConnections => 16;

    public TimeSpan GrainCallsDuration => TimeSpan.FromSeconds(Full ? 3 : 1.5);

    public static BenchOptions Parse(string[] args)
    {
        string? root = null, data = null, render = null;
        bool full = false, skipPlatform = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--full": full = true; break;
                case "--quick": full = false; break;
                case "--no-platform": skipPlatform = true; break;
                case "--root" when i + 1 < args.Length: root = args[++i]; break;
                case "--data" when i + 1 < args.Length: data = args[++i]; break;
                case "--render" when i + 1 < args.Length: render = Path.GetFullPath(args[++i]); break;
                default: throw new ArgumentException($"unknown argument '{args[i]}' (use --full, --quick, --no-platform, --render FILE, --root DIR, --data DIR)");
            }
        }

        root = Path.GetFullPath(root ?? Directory.GetCurrentDirectory());
        return new BenchOptions
        {
            Full = full,
            RepoRoot = root,
            DataFolder = Path.GetFullPath(data ?? Path.Combine(Path.GetTempPath(), $"vp-bench-{Environment.ProcessId}")),
            SkipPlatform = skipPlatform,
            Render = render,
        };
    }
}
