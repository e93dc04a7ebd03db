using System.Text;
using VideoPlatform.TranscodeSilo.Transcoding;

namespace VideoPlatform.Tests.TranscodeSilo.Transcoding;

[Trait("Category", "Unit")]
public sealed class TextSniffTests
{
    [Theory]
    [InlineData("hello world\r\n\tnotes about my video\n")]
    [InlineData("#EXTM3U\n#EXTINF:1,\nhttp://example.com/a.ts\n")]
    [InlineData("Grüße, 日本語のテキスト")]
    public void LooksLikeText_Text_True(string text) => Assert.True(TextSniff.LooksLikeText(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void LooksLikeText_SampleCutInsideACharacter_True()
    {
        var bytes = Encoding.UTF8.GetBytes("abc日");

        Assert.True(TextSniff.LooksLikeText(bytes.AsSpan(0, bytes.Length - 1)));
    }

    [Fact]
    public void LooksLikeText_MediaBytes_False()
    {
        byte[] mp4Header = [0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m'];
        var random = new byte[4096];
        new Random(7).NextBytes(random);

        Assert.False(TextSniff.LooksLikeText(mp4Header));
        Assert.False(TextSniff.LooksLikeText(random));
        Assert.False(TextSniff.LooksLikeText([]));
    }
}
