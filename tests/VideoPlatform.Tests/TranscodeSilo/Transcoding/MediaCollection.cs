namespace VideoPlatform.Tests.TranscodeSilo.Transcoding;

/// <summary>Tests that run real ffmpeg share one set of clips and run one at a time (the machine has few cores).</summary>
[CollectionDefinition(Name)]
public sealed class MediaCollection : ICollectionFixture<MediaClips>
{
    public const string Name = "media";
}
