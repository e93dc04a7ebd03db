namespace VideoPlatform.Bench.Report;

/// <summary>One stage of a traced run: wall seconds (median over runs), CPU seconds of its processes, and how it was seen.</summary>
public sealed record TraceStage(string Stage, double Seconds, double? CpuSeconds, string Source);
