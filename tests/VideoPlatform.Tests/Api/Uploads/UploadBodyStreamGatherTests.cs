using System.IO.Pipelines;
using System.Security.Cryptography;
using VideoPlatform.Api.Uploads;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api.Uploads;

/// <summary>
/// The body's gathering path: a request pipe into a file (what the FileSystem store's append gets under Kestrel).
/// The pipe is fed in 4 KiB blocks with pauses, so reads return one block or many.
/// </summary>
[Trait("Category", "Unit")]
public sealed class UploadBodyStreamGatherTests : IDisposable
{
    private readonly TempFolder folder = new("vp-gather");

    private string FilePath => Path.Combine(folder.Path, "object");

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task CopyTo_FileAtAnOffset_EveryBlockLandsInOrderAfterTheExistingBytes()
    {
        var data = Bytes(3_000_123);
        await File.WriteAllBytesAsync(FilePath, Bytes(1000));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var pipe = new Pipe(new PipeOptions(minimumSegmentSize: 4096, pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19));
        var body = new UploadBodyStream(Stream.Null, data.Length, hash, pipe.Reader);

        await using (var file = new FileStream(FilePath, FileMode.Open, FileAccess.Write, FileShare.Read, 1, useAsync: true))
        {
            file.Seek(1000, SeekOrigin.Begin);
            await Task.WhenAll(FeedAsync(pipe.Writer, data), body.CopyToAsync(file, 1 << 20));
            Assert.Equal(1000 + data.Length, file.Position);
        }

        byte[] expected = [.. Bytes(1000), .. data];
        Assert.Equal(expected, await File.ReadAllBytesAsync(FilePath));
        Assert.Equal((data.Length, (Exception?)null), (body.BytesRead, body.Failure));
        Assert.Equal(SHA256.HashData(data), hash.GetHashAndReset());
    }

    [Fact]
    public async Task CopyTo_LongerThanTheLimit_TooLargeAndNothingPastTheLimitWritten()
    {
        var pipe = new Pipe();
        var body = new UploadBodyStream(Stream.Null, 100_000, null, pipe.Reader);
        await using var file = File.Create(FilePath);

        var feeding = FeedAsync(pipe.Writer, Bytes(300_000));
        await Assert.ThrowsAsync<InvalidOperationException>(() => body.CopyToAsync(file, 1 << 20));
        await pipe.Reader.CompleteAsync();
        await feeding;

        Assert.True(body.TooLarge);
        Assert.True(new FileInfo(FilePath).Length <= 100_000, $"{new FileInfo(FilePath).Length} bytes written");
    }

    [Fact]
    public async Task CopyTo_ConnectionDrops_FailureSetAndTheBytesBeforeKept()
    {
        var pipe = new Pipe();
        var body = new UploadBodyStream(Stream.Null, 1_000_000, null, pipe.Reader);
        await using var file = File.Create(FilePath);

        var copy = body.CopyToAsync(file, 1 << 20);
        await pipe.Writer.WriteAsync(Bytes(50_000));
        // Writes end on page boundaries: the last 848 bytes wait for more, then go to the file when the body fails.
        await WaitUntilAsync(() => body.BytesRead == 49_152);
        await pipe.Writer.CompleteAsync(new IOException("connection reset"));

        await Assert.ThrowsAsync<IOException>(() => copy);
        Assert.IsType<IOException>(body.Failure);
        Assert.Equal(50_000, body.BytesRead);
        await file.DisposeAsync();
        Assert.Equal(Bytes(50_000), await File.ReadAllBytesAsync(FilePath));
    }

    [Fact]
    public async Task CopyTo_DiskRefusesTheWrite_NotBlamedOnTheBody()
    {
        await File.WriteAllBytesAsync(FilePath, []);
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(Bytes(10_000));
        await pipe.Writer.CompleteAsync();
        var body = new UploadBodyStream(Stream.Null, 10_000, null, pipe.Reader);
        // A handle opened for reading only: the positional write fails as a broken disk's would.
        await using var readOnly = new FileStream(FilePath, FileMode.Open, FileAccess.Read);

        var thrown = await Record.ExceptionAsync(() => body.CopyToAsync(readOnly, 1 << 20));

        Assert.True(thrown is IOException or UnauthorizedAccessException or NotSupportedException, thrown?.ToString());
        Assert.Null(body.Failure);
        Assert.False(body.TooLarge);
    }

    private static byte[] Bytes(int n) => Enumerable.Range(0, n).Select(i => (byte)(i * 13 + (i >> 12))).ToArray();

    private static async Task FeedAsync(PipeWriter writer, byte[] data)
    {
        for (var at = 0; at < data.Length; at += 4096)
        {
            var result = await writer.WriteAsync(data.AsMemory(at, Math.Min(4096, data.Length - at)));
            if (result.IsCompleted)
            {
                break; // the reader gave up (the body went over its limit)
            }

            if (at % (64 * 4096) == 0)
            {
                await Task.Delay(1); // sometimes the reader catches up and sees a single block
            }
        }

        await writer.CompleteAsync();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
