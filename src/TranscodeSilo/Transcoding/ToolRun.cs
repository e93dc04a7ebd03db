namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>How a media tool process ended: its exit code, stdout (when collected) and the last lines of stderr.</summary>
public sealed record ToolRun(int ExitCode, string StandardOutput, string StandardErrorTail)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The last stderr line: usually the one that says what went wrong.</summary>
    public string LastError => StandardErrorTail.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .LastOrDefault() ?? $"exit code {ExitCode}";
}
