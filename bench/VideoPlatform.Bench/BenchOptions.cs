namespace VideoPlatform.Bench;

/// <summary>
/// Command line: --full (default quick), --only ID[,ID] (e.g. 3a,4 = 3a and every 4x row), --root REPO,
/// --data FOLDER (the platform's VP_DATA), --no-platform, --render FILE.
/// </summary>
public sealed record BenchOptions
{
    /// <summary>Every row the suite reports, in table order.</summary>
    public static readonly IReadOnlyList<string> AllIds =
        ["1a", "1b", "2a", "2b", "3a", "3b", "3c", "4a", "4b", "4c", "4d", "5a", "5b", "5c", "6a", "6b", "7a", "7b", "7c", "8a", "8b", "8c", "9a", "9b", "10a", "10b"];

    public bool Full { get; init; }

    public required string RepoRoot { get; init; }

    public required string DataFolder { get; init; }

    public bool SkipPlatform { get; init; }

    /// <summary>--render FILE: rewrite the docs section from a saved results file, measuring nothing.</summary>
    public string? Render { get; init; }

    /// <summary>The rows to measure; null = all of them.</summary>
    public IReadOnlySet<string>? Only { get; init; }

    public string Mode => Full ? "full" : "quick";

    public int TranscodeClipSeconds => Full ? 10 : 4;

    public int TranscodeRuns => Full ? 3 : 2;

    // Full mode: four pairs of 30 s clips rather than two of 60 s, in about the same time. The same raw encode has read
    // 56 s and then 71 s two minutes apart on this kind of machine; with two pairs one such swing decided the figure.
    public int ReadyClipSeconds => Full ? 30 : 6;

    public int ReadyRuns => Full ? 4 : 2;

    // Large enough that an upload's fixed costs (creation, lease, commit) weigh little against its bytes.
    public int UploadMiB => Full ? 2048 : 512;

    // 3b stays at 512 MiB: s3rver takes about 70 MiB/s, so a 2 GiB run would cost half a minute for the same ratio.
    public int S3UploadMiB => 512;

    // 3a, the figure with a goal: enough pairs that a slow phase of the machine during a few runs does not decide the median.
    public int UploadRuns => Full ? 9 : 2;

    // 3c and 3a's file copy, reported without a goal.
    public int ReferenceUploadRuns => Full ? 5 : 2;

    // 3b: s3rver bounds both sides at about 100 MiB/s, so its runs take seconds each and vary little.
    public int S3UploadRuns => Full ? 5 : 2;

    /// <summary>3b needs a second platform on the S3 store: about 40 s more, so quick runs leave it out unless asked for.</summary>
    public bool RunS3 => Full || Only is not null;

    public TimeSpan LoadDuration => TimeSpan.FromSeconds(Full ? 5 : 2);

    public int LoadRuns => Full ? 3 : 2;

    public int LoadConnections => 16;

    public TimeSpan GrainCallsDuration => TimeSpan.FromSeconds(Full ? 3 : 1.5);

    /// <summary>How long the latency publisher (6a) streams.</summary>
    public TimeSpan LatencyPublish => TimeSpan.FromSeconds(Full ? 30 : 12);

    /// <summary>Publisher counts of 6b, each step streaming for <see cref="PublishersStep"/>.</summary>
    public IReadOnlyList<int> PublisherCounts => Full ? [1, 2, 4, 8] : [1, 4];

    public TimeSpan PublishersStep => TimeSpan.FromSeconds(Full ? 16 : 6);

    /// <summary>Videos made Ready for 7c, one webhook delay each.</summary>
    public int WebhookVideos => Full ? 20 : 10;

    /// <summary>Videos made Ready for 8c, one index lag each.</summary>
    public int SearchLagVideos => Full ? 20 : 10;

    public bool Selected(string id) => Only is null || Only.Contains(id);

    public bool AnySelected(IEnumerable<string> ids) => ids.Any(Selected);

    public static BenchOptions Parse(string[] args)
    {
        string? root = null, data = null, render = null;
        bool full = false, skipPlatform = false;
        HashSet<string>? only = null;
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
                case "--only" when i + 1 < args.Length: only = ParseOnly(args[++i]); break;
                default: throw new ArgumentException($"unknown argument '{args[i]}' (use --full, --quick, --only ID[,ID], --no-platform, --render FILE, --root DIR, --data DIR)");
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
            Only = only,
        };
    }

    // "4" selects 4a-4d; "3a" selects just 3a.
    private static HashSet<string> ParseOnly(string list)
    {
        var selected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => t.ToLowerInvariant()))
        {
            var matches = AllIds.Where(id => id == token || (token.All(char.IsAsciiDigit) && id[..^1] == token)).ToList();
            if (matches.Count == 0)
            {
                throw new ArgumentException($"--only: unknown figure '{token}' (known: {string.Join(", ", AllIds)})");
            }

            selected.UnionWith(matches);
        }

        return selected;
    }
}
