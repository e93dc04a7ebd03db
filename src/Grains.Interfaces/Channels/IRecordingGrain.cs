namespace VideoPlatform.Grains.Channels;

/// <summary>Turn the segments a session left under <c>live/{channel}/{session}/</c> into video <see cref="VideoId"/>.</summary>
[GenerateSerializer, Immutable, Alias("VideoPlatform.RecordingJob")]
public sealed record RecordingJob
{
    [Id(0)] public required string ChannelId { get; init; }
    [Id(1)] public required string SessionId { get; init; }
    [Id(2)] public required string VideoId { get; init; }
    [Id(3)] public string? OwnerId { get; init; }
    [Id(4)] public required string Title { get; init; }
    [Id(5)] public LiveMediaInfo? Media { get; init; }
}

/// <summary>
/// Builds the recording of one live session on a media silo (it needs FFmpeg for the poster). Keyed by the session id.
/// The channel retries until it hears back, so the build is idempotent.
/// </summary>
[Alias("VideoPlatform.IRecordingGrain")]
public interface IRecordingGrain : IGrainWithStringKey
{
    [Alias("Build"), OneWay]
    Task Build(RecordingJob job);
}
