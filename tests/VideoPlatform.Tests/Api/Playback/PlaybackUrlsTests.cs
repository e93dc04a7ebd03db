using Microsoft.Extensions.Options;
using VideoPlatform.Api.Auth;
using VideoPlatform.Api.Playback;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Storage;
using VideoPlatform.Tests.Api.Auth;

namespace VideoPlatform.Tests.Api.Playback;

/// <summary>Which route a player is sent to for each kind of video, and the CDN version that changes with visibility.</summary>
[Trait("Category", "Unit")]
public sealed class PlaybackUrlsTests
{
    private const string Cdn = "https://cdn.example.test/vp/";

    private static readonly CdnVersions Versions = new(new SigningKeys(Options.Create(new AuthSettings { SigningKey = SigningKeyTests.ProductionKey })));

    [Fact]
    public async Task PublicReady_WithCdn_IsTheCdnUnderItsVersion()
    {
        var video = Video(Visibility.Public, VideoStatus.Ready);

        var folder = await Urls(Cdn).FolderAsync(video, token: null);

        Assert.Equal($"https://cdn.example.test/vp/v1/{await Versions.ForAsync(video)}/", folder);
        Assert.Equal(folder + "master.m3u8", PlaybackUrls.For(folder, "v1", MediaKeys.Video("v1", MediaKeys.MasterPlaylist)));
        Assert.Equal(folder + "thumbs/poster.jpg", PlaybackUrls.For(folder, "v1", MediaKeys.Video("v1", MediaKeys.PosterPath)));
    }

    [Theory]
    [InlineData(Visibility.Unlisted)]
    [InlineData(Visibility.Private)]
    public async Task NonPublic_WithCdn_IsTheApiWithItsToken(Visibility visibility) =>
        Assert.Equal("/play/v1/pt.1.u.sig/", await Urls(Cdn).FolderAsync(Video(visibility, VideoStatus.Ready), "pt.1.u.sig"));

    [Fact]
    public async Task NonPublic_WithoutToken_Throws() =>
        await Assert.ThrowsAsync<ArgumentNullException>(() => Urls(Cdn).FolderAsync(Video(Visibility.Unlisted, VideoStatus.Ready), null));

    [Fact]
    public async Task PublicProcessing_WithCdn_IsTheApi() =>
        Assert.Equal("/play/v1/", await Urls(Cdn).FolderAsync(Video(Visibility.Public, VideoStatus.Processing), null));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task PublicReady_WithoutCdn_IsTheApi(string? cdn) =>
        Assert.Equal("/play/v1/", await Urls(cdn).FolderAsync(Video(Visibility.Public, VideoStatus.Ready), null));

    [Fact]
    public async Task Version_ChangesWithTheVisibilityRevisionOnly()
    {
        var video = Video(Visibility.Public, VideoStatus.Ready);
        var version = await Versions.ForAsync(video);

        Assert.Equal(version, await Versions.ForAsync(video with { Title = "renamed", Version = 9 }));
        Assert.NotEqual(version, await Versions.ForAsync(video with { VisibilityRevision = 2 }));
        Assert.NotEqual(version, await Versions.ForAsync(video with { Id = "v2" }));
        Assert.True(await Versions.IsCurrentAsync(video, version));
        Assert.False(await Versions.IsCurrentAsync(video with { VisibilityRevision = 2 }, version));
        Assert.False(await Versions.IsCurrentAsync(video, version[..^1]));
        Assert.Matches("^[A-Za-z0-9_-]{22}$", version);
    }

    private static PlaybackUrls Urls(string? cdn) => new(Options.Create(new PlaybackSettings { PublicBaseUrl = cdn }), Versions);

    private static VideoDetails Video(Visibility visibility, VideoStatus status) => new()
    {
        Id = "v1",
        Title = "t",
        Visibility = visibility,
        Status = status,
        MasterKey = MediaKeys.Video("v1", MediaKeys.MasterPlaylist),
        VisibilityRevision = 1,
    };
}
