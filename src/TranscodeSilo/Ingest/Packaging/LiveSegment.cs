namespace VideoPlatform.TranscodeSilo.Ingest.Packaging;

/// <summary>One finished segment of a rung. <see cref="Discontinuity"/>: the first segment after a reconnect.</summary>
public sealed record LiveSegment(int Sequence, double Duration, string Uri, bool Discontinuity);
