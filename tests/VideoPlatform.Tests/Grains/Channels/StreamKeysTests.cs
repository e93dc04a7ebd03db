using System.Security.Cryptography;
using System.Text;
using VideoPlatform.Grains.Channels;
using VideoPlatform.TranscodeSilo.Ingest.Rtmp;

namespace VideoPlatform.Tests.Grains.Channels;

[Trait("Category", "Unit")]
public sealed class StreamKeysTests
{
    [Fact]
    public void New_AtLeast128RandomBits_UsableAsRtmpStreamName()
    {
        var keys = Enumerable.Range(0, 100).Select(_ => StreamKeys.New()).ToList();
        Assert.True(StreamKeys.RandomBytes * 8 >= 128);
        Assert.Equal(100, keys.Distinct().Count());
        Assert.All(keys, k =>
        {
            Assert.Equal(32, k.Length);
            Assert.True(StreamKeyFormat.TryParse(k, out var parsed));
            Assert.Equal(k, parsed);
        });
    }

    [Fact]
    public void Hash_IsSha256OfTheKey()
    {
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes("abc")), StreamKeys.Hash("abc"));
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", StreamKeys.IndexId(StreamKeys.Hash("abc")));
    }

    [Fact]
    public void Matches_OnlyTheSameHash()
    {
        var key = StreamKeys.New();
        var stored = StreamKeys.Hash(key);
        Assert.True(StreamKeys.Matches(stored, StreamKeys.Hash(key)));
        Assert.False(StreamKeys.Matches(stored, StreamKeys.Hash(key + "x")));
        Assert.False(StreamKeys.Matches(null, StreamKeys.Hash(key)));
        Assert.False(StreamKeys.Matches(stored, stored[..16]));
    }
}
