using System.Security.Cryptography;
using VideoPlatform.Api.Uploads;

namespace VideoPlatform.Tests.Api.Uploads;

/// <summary>The body's CopyToAsync path (what the FileSystem store's append uses): counting, limit, checksum, fault blame.</summary>
[Trait("Category", "Unit")]
public sealed class UploadBodyStreamTests
{
    private static byte[] Bytes(int n) => Enumerable.Range(0, n).Select(i => (byte)(i * 7)).ToArray();

    [Fact]
    public async Task CopyTo_WholeBody_CountsFeedsTheHashAndWritesEveryByte()
    {
        var data = Bytes(300_000);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var body = new UploadBodyStream(new MemoryStream(data), data.Length, hash);
        var target = new MemoryStream();

        await body.CopyToAsync(target, 64 * 1024);

        Assert.Equal(data, target.ToArray());
        Assert.Equal(data.Length, body.BytesRead);
        Assert.Null(body.Failure);
        Assert.Equal(SHA256.HashData(data), hash.GetHashAndReset());
    }

    [Fact]
    public async Task CopyTo_LongerThanTheLimit_TooLargeAndNothingPastTheLimitWritten()
    {
        var data = Bytes(200_000);
        var body = new UploadBodyStream(new MemoryStream(data), 100_000, null);
        var target = new MemoryStream();

        await Assert.ThrowsAsync<InvalidOperationException>(() => body.CopyToAsync(target, 64 * 1024));

        Assert.True(body.TooLarge);
        Assert.NotNull(body.Failure);
        Assert.True(target.Length <= 100_000, $"{target.Length} bytes written");
    }

    [Fact]
    public async Task CopyTo_SourceBreaksOff_FailureSetAndEarlierBytesKept()
    {
        var body = new UploadBodyStream(new BreakingStream(Bytes(50_000)), 1_000_000, null);
        var target = new MemoryStream();

        await Assert.ThrowsAsync<IOException>(() => body.CopyToAsync(target, 16 * 1024));

        Assert.IsType<IOException>(body.Failure);
        Assert.Equal(50_000, target.Length);
        Assert.Equal(50_000, body.BytesRead);
    }

    [Fact]
    public async Task CopyTo_DestinationFails_NotBlamedOnTheBody()
    {
        var body = new UploadBodyStream(new MemoryStream(Bytes(10_000)), 10_000, null);

        await Assert.ThrowsAsync<IOException>(() => body.CopyToAsync(new FullDisk(), 4096));

        Assert.Null(body.Failure);
        Assert.False(body.TooLarge);
    }

    /// <summary>Gives its bytes, then fails as a dropped connection does.</summary>
    private sealed class BreakingStream(byte[] data) : MemoryStream(data)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            return read > 0 ? read : throw new IOException("connection reset");
        }
    }

    private sealed class FullDisk : MemoryStream
    {
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromException(new IOException("No space left on device"));
    }
}
