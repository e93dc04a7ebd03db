using VideoPlatform.Grains.Videos;

namespace VideoPlatform.Grains.Recommendations;

/// <summary>The home feed's one check of its candidates (a stateless worker per silo, key 0).</summary>
[Alias("VideoPlatform.IShownVideosGrain")]
public interface IShownVideosGrain : IGrainWithIntegerKey
{
    /// <summary>Those of <paramref name="videoIds"/> that are public and Ready (as of at most a second ago), in order.</summary>
    [Alias("Public")]
    Task<IReadOnlyList<ShownVideo>> Public(IReadOnlyList<string> videoIds);
}

[GenerateSerializer, Immutable, Alias("VideoPlatform.ShownVideo")]
public sealed record ShownVideo(
    [property: Id(0)] VideoDetails Video,
    [property: Id(1)] long Views);
