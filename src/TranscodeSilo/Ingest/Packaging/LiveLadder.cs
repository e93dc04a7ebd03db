namespace VideoPlatform.TranscodeSilo.Ingest.Packaging;

/// <summary>One live rendition. <see cref="Copy"/>: the publisher's H.264 passed through untouched.</summary>
public sealed record LiveRung(string Name, int Width, int Height, bool Copy, int VideoKbps);

/// <summary>The live ladder of one session: the source rung first, then the re-encoded ones.</summary>
public sealed record LiveLadder(IReadOnlyList<LiveRung> Rungs, bool HasAudio, bool CopyAudio, int AudioKbps, int SegmentSeconds);
