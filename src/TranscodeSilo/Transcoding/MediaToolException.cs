namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>ffmpeg failed on media that probing accepted: a transcode_error, worth a retry or a look at the stderr tail.</summary>
public sealed class MediaToolException : Exception
{
    public MediaToolException()
    {
    }

    public MediaToolException(string message)
        : base(message)
    {
    }

    public MediaToolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MediaToolException(string tool, ToolRun run)
        : base($"{tool} exited with code {run.ExitCode}: {run.LastError}")
    {
        ExitCode = run.ExitCode;
        StandardErrorTail = run.StandardErrorTail;
    }

    public int ExitCode { get; }

    public string StandardErrorTail { get; } = string.Empty;
}
