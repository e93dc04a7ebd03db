using System.Security.Cryptography;
using System.Text;
using VideoPlatform.Api.Uploads;

// tus makes sha1 the one checksum every server must take.
#pragma warning disable CA5350

namespace VideoPlatform.Tests.Api.Uploads;

[Trait("Category", "Unit")]
public sealed class TusProtocolTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("1048576", 1048576L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void TryParseSize_Digits_Parses(string value, long expected)
    {
        Assert.True(TusProtocol.TryParseSize(value, out var size));
        Assert.Equal(expected, size);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("+5")]
    [InlineData(" 5")]
    [InlineData("1e3")]
    [InlineData("9223372036854775808")]
    public void TryParseSize_NotPlainDigits_Fails(string? value) => Assert.False(TusProtocol.TryParseSize(value, out _));

    [Theory]
    [InlineData("application/offset+octet-stream", true)]
    [InlineData("Application/Offset+Octet-Stream; charset=x", true)]
    [InlineData("application/octet-stream", false)]
    [InlineData(null, false)]
    public void IsOffsetContentType_MatchesMediaTypeOnly(string? contentType, bool expected) =>
        Assert.Equal(expected, TusProtocol.IsOffsetContentType(contentType));

    [Fact]
    public void FormatExpires_IsRfc9110Date() =>
        Assert.Equal("Wed, 21 Oct 2015 07:28:00 GMT", TusProtocol.FormatExpires(new DateTimeOffset(2015, 10, 21, 9, 28, 0, TimeSpan.FromHours(2))));

    [Fact]
    public void Metadata_PairsAndBareKey_Decoded()
    {
        var header = $"videoId {B64("abc123")},filename {B64("clip ü.mp4")},is_confidential";

        Assert.True(UploadMetadata.TryParse(header, out var metadata, out var error));
        Assert.Null(error);
        Assert.Equal("abc123", metadata["videoId"]);
        Assert.Equal("clip ü.mp4", metadata["filename"]);
        Assert.Equal("", metadata["is_confidential"]);
        Assert.Null(metadata["missing"]);
    }

    [Theory]
    [InlineData("videoId not-base64!")]
    [InlineData("videoId YQ==,videoId Yg==")]
    [InlineData("video Id YQ==")]
    [InlineData(",")]
    [InlineData("videoId /w==")] // 0xFF: not UTF-8
    [InlineData("vidéo YQ==")]
    public void Metadata_Invalid_FailsWithReason(string header)
    {
        Assert.False(UploadMetadata.TryParse(header, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Metadata_Absent_IsEmpty()
    {
        Assert.True(UploadMetadata.TryParse(null, out var metadata, out _));
        Assert.Empty(metadata.Values);
    }

    [Fact]
    public void Checksum_Sha1AndSha256_ParseAndVerify()
    {
        var body = Encoding.ASCII.GetBytes("hello tus");
        foreach (var (name, digest) in new[] { ("sha1", SHA1.HashData(body)), ("SHA256", SHA256.HashData(body)) })
        {
            Assert.Equal(UploadChecksum.ParseError.None, UploadChecksum.TryParse($"{name} {Convert.ToBase64String(digest)}", out var checksum));
            using var good = checksum!.CreateHash();
            good.AppendData(body);
            using var bad = checksum.CreateHash();
            bad.AppendData(body.AsSpan(1));
            Assert.True(checksum.Matches(good));
            Assert.False(checksum.Matches(bad));
        }
    }

    [Theory]
    [InlineData("md5 1B2M2Y8AsgTpgAmY7PhCfg==", UploadChecksum.ParseError.UnsupportedAlgorithm)]
    [InlineData("crc32 AAAAAA==", UploadChecksum.ParseError.UnsupportedAlgorithm)]
    [InlineData("sha1", UploadChecksum.ParseError.Malformed)]
    [InlineData("sha1 !!!", UploadChecksum.ParseError.Malformed)]
    [InlineData("sha256 AAAA", UploadChecksum.ParseError.Malformed)] // wrong digest length
    public void Checksum_Invalid_ReportsWhy(string header, UploadChecksum.ParseError expected) =>
        Assert.Equal(expected, UploadChecksum.TryParse(header, out _));

    private static string B64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
}
