using System.Net.Http.Headers;
using VideoPlatform.Api.Playback;
using VideoPlatform.Storage;

namespace VideoPlatform.Tests.Api.Playback;

/// <summary>Only the CDN origin's answers may be kept by a shared cache; playlists everywhere live within the stop bound.</summary>
[Trait("Category", "Unit")]
public sealed class PlaybackCacheControlTests
{
    private static readonly string Master = MediaKeys.Video("v1", MediaKeys.MasterPlaylist);
    private static readonly string Segment = MediaKeys.Video("v1", "240p/seg_00001.m4s");

    [Theory]
    [InlineData(true, false, true, "public, max-age=2")]
    [InlineData(true, true, true, "public, max-age=31536000, immutable")]
    [InlineData(false, false, true, "private, max-age=2")]
    [InlineData(false, true, true, "private, max-age=3600")]
    [InlineData(false, false, false, "private, no-cache")]
    [InlineData(false, true, false, "private, no-cache")]
    public void For_RouteObjectAndStatus(bool cdn, bool segment, bool final, string expected) =>
        Assert.Equal(expected, PlaybackCacheControl.For(cdn, segment ? Segment : Master, final));

    [Fact]
    public void Api_IsNeverPublic()
    {
        foreach (var key in new[] { Master, Segment, MediaKeys.Video("v1", MediaKeys.PosterPath), MediaKeys.Video("v1", MediaKeys.StoryboardCuesPath) })
        {
            foreach (var final in new[] { true, false })
            {
                Assert.True(CacheControlHeaderValue.Parse(PlaybackCacheControl.For(false, key, final)).Private, key);
            }
        }
    }

    [Fact]
    public void Playlists_AndTheAccessCache_StopWithinTheBound()
    {
        var maxAge = CacheControlHeaderValue.Parse(PlaybackCacheControl.For(true, Master, true)).MaxAge!.Value;

        Assert.True(maxAge + PlaybackAccess.Lifetime <= PlaybackCacheControl.StopBound, $"{maxAge} + {PlaybackAccess.Lifetime}");
    }
}
