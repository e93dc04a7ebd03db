namespace VideoPlatform.Grains.Videos;

[GenerateSerializer, Immutable, Alias("VideoPlatform.VideoFailure")]
public sealed record VideoFailure([property: Id(0)] string Code, [property: Id(1)] string Message);

[GenerateSerializer, Immutable, Alias("VideoPlatform.SourceInfo")]
public sealed record SourceInfo
{
    [Id(0)] public string Container { get; init; } = "";
    [Id(1)] public string VideoCodec { get; init; } = "";
    [Id(2)] public string? AudioCodec { get; init; }
    [Id(3)] public int Width { get; init; }
    [Id(4)] public int Height { get; init; }
    [Id(5)] public double FrameRate { get; init; }
    [Id(6)] public double DurationSeconds { get; init; }
    [Id(7)] public long Size { get; init; }
    [Id(8)] public string? Sha256 { get; init; }
}

[GenerateSerializer, Immutable, Alias("VideoPlatform.Rendition")]
public sealed record Rendition(
    [property: Id(0)] string Name,
    [property: Id(1)] int Width,
    [property: Id(2)] int Height,
    [property: Id(3)] int Bitrate,
    [property: Id(4)] double FrameRate);

/// <summary>What a finished transcode produced, all under the video's prefix in the object store (MediaKeys.VideoPrefix).</summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.TranscodeOutput")]
public sealed record TranscodeOutput
{
    [Id(0)] public required SourceInfo Source { get; init; }
    [Id(1)] public required IReadOnlyList<Rendition> Renditions { get; init; }
    [Id(2)] public required string MasterKey { get; init; }
    [Id(3)] public string? PosterKey { get; init; }
    [Id(4)] public string? StoryboardKey { get; init; }
}

/// <summary>The bytes of an upload have all landed at <see cref="SourceKey"/>.</summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.UploadedSource")]
public sealed record UploadedSource(
    [property: Id(0)] string SourceKey,
    [property: Id(1)] long Size,
    [property: Id(2)] string? FileName,
    [property: Id(3)] string? Sha256);

[GenerateSerializer, Immutable, Alias("VideoPlatform.CreateVideo")]
public sealed record CreateVideo
{
    [Id(0)] public required string Title { get; init; }
    [Id(1)] public string Description { get; init; } = "";
    [Id(2)] public IReadOnlyList<string> Tags { get; init; } = [];
    [Id(3)] public Visibility Visibility { get; init; } = Visibility.Public;
    [Id(4)] public string? OwnerId { get; init; }
}

/// <summary>A partial update: null members are left alone.</summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.VideoPatch")]
public sealed record VideoPatch
{
    [Id(0)] public string? Title { get; init; }
    [Id(1)] public string? Description { get; init; }
    [Id(2)] public IReadOnlyList<string>? Tags { get; init; }
    [Id(3)] public Visibility? Visibility { get; init; }
}
