using VideoPlatform.Storage;

namespace VideoPlatform.Tests.Infrastructure.Storage;

[Trait("Category", "Unit")]
public sealed class ObjectKeyTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("raw/v1/source")]
    [InlineData("vod/abc/hls/360p/seg_00001.ts")]
    [InlineData("a.b/c..d/...")]
    [InlineData(".hidden/x")]
    [InlineData("live/ch-1/2024-01-01T00:00:00Z/720p/x.ts")]
    [InlineData("unicode/é/日本/🎬")]
    public void Validate_WellFormedKey_ReturnsIt(string key)
    {
        Assert.Equal(key, ObjectKey.Validate(key));
        Assert.True(ObjectKey.IsValid(key));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../x")]
    [InlineData("a/../../x")]
    [InlineData("a/..")]
    [InlineData("./x")]
    [InlineData("a/./b")]
    [InlineData("/abs")]
    [InlineData("C:/windows")]
    [InlineData("a\\b")]
    [InlineData("a\0b")]
    [InlineData("a\nb")]
    [InlineData("a\u007fb")]
    [InlineData("a//b")]
    [InlineData("a/")]
    public void Validate_MalformedKey_Throws(string key)
    {
        Assert.Throws<InvalidObjectKeyException>(() => ObjectKey.Validate(key));
        Assert.False(ObjectKey.IsValid(key));
    }

    [Fact]
    public void Validate_LengthIsCountedInUtf8Bytes()
    {
        Assert.True(ObjectKey.IsValid(new string('a', 1024)));
        Assert.False(ObjectKey.IsValid(new string('a', 1025)));
        Assert.True(ObjectKey.IsValid(string.Concat(Enumerable.Repeat("€", 341)))); // 1023 bytes
        Assert.False(ObjectKey.IsValid(string.Concat(Enumerable.Repeat("€", 342)))); // 1026 bytes in 342 chars
    }

    [Fact]
    public void Validate_LoneSurrogate_Throws()
    {
        var key = "a" + '\ud800' + "b";
        Assert.Throws<InvalidObjectKeyException>(() => ObjectKey.Validate(key));
    }

    [Fact]
    public void Validate_Null_ThrowsArgumentNull() => Assert.Throws<ArgumentNullException>(() => ObjectKey.Validate(null!));

    [Fact]
    public void InvalidKeyMessage_ShowsNulVisibly()
    {
        var ex = Assert.Throws<InvalidObjectKeyException>(() => ObjectKey.Validate("a\0b"));
        Assert.Contains("a\\0b", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("vod/")]
    [InlineData("vod/abc/hls/")]
    [InlineData("vod/ab")]
    public void ValidatePrefix_WellFormedPrefix_ReturnsIt(string prefix) => Assert.Equal(prefix, ObjectKey.ValidatePrefix(prefix));

    [Theory]
    [InlineData("/")]
    [InlineData("/vod/")]
    [InlineData("vod//")]
    [InlineData("../")]
    [InlineData("vod/../")]
    [InlineData("vod\\")]
    [InlineData("vod/\t")]
    public void ValidatePrefix_MalformedPrefix_Throws(string prefix) =>
        Assert.Throws<InvalidObjectKeyException>(() => ObjectKey.ValidatePrefix(prefix));
}
