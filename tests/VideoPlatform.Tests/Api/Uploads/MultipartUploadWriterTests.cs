using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using VideoPlatform.Api.Uploads;
using VideoPlatform.Grains.Uploads;
using VideoPlatform.Storage;
using VideoPlatform.Infrastructure.Storage.FileSystem;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api.Uploads;

/// <summary>
/// The multipart writer on a real store (FileSystem's multipart) behind a gate on part uploads: parts go out while the
/// body keeps arriving, never more than the configured number at once, and failures lose nothing acknowledged.
/// </summary>
[Trait("Category", "Unit")]
public sealed class MultipartUploadWriterTests : IDisposable
{
    private const int Part = 5 * 1024 * 1024;
    private readonly TempFolder folder = new("vp-parts");
    private readonly IObjectStore store;
    private readonly PartGate gate;

    public MultipartUploadWriterTests() => (store, gate) = PartGate.Around(new FileSystemObjectStore(folder.Path, TimeProvider.System));

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Write_ReadsOnWhilePartsAreInFlight_UpToTheConfiguredNumber()
    {
        var bytes = RandomNumberGenerator.GetBytes(4 * Part + 100);
        var upload = NewUpload(bytes.Length);
        var body = new UploadBodyStream(new MemoryStream(bytes), bytes.Length, null);

        var writing = Writer(concurrency: 3).WriteAsync(upload, Guid.NewGuid(), body, CancellationToken.None);
        var fourthRead = await Eventually.WaitAsync(() => Task.FromResult(body.BytesRead == 4L * Part && gate.InFlight == 3), TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(10));
        gate.Open();
        var written = await writing;

        Assert.True(fourthRead, $"{body.BytesRead} bytes read while {gate.InFlight} parts were held");
        Assert.Equal(3, gate.MaxInFlight); // the gate records the peak: a fourth part never started beside the three held

        Assert.Equal([1, 2, 3, 4], written.Storage.Parts.Select(p => p.Number));
        Assert.All(written.Storage.Parts, p => Assert.Equal(Part, p.Length));
        Assert.Equal(100, written.Storage.TailLength);
        Assert.Equal(bytes.Length, written.Offset);
        Assert.Equal(bytes, await FinishAsync(upload, written.Storage));
    }

    [Fact]
    public async Task Write_APartFails_ThrowsOnceEveryPartHasSettled_AndARetryStoresTheWholeUpload()
    {
        var bytes = RandomNumberGenerator.GetBytes(4 * Part + 100);
        var upload = NewUpload(bytes.Length);
        var writer = Writer(concurrency: 4);
        gate.FailPart = 2;
        gate.Open();

        var failure = await Assert.ThrowsAsync<IOException>(() => WriteAsync(writer, upload, bytes));

        Assert.Contains("part 2", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, gate.InFlight);
        Assert.Equal(gate.Started.Order(), gate.Settled.Order());
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(folder.Path, ".staging", "multipart")));

        gate.FailPart = null;
        var retried = await WriteAsync(writer, upload, bytes);

        Assert.Equal(bytes.Length, retried.Offset);
        Assert.Equal(bytes, await FinishAsync(upload, retried.Storage));
    }

    [Fact]
    public async Task Write_BodyBreaksOff_KeepsThePartsSentAndStagesTheRest_ThenResumes()
    {
        var bytes = RandomNumberGenerator.GetBytes(3 * Part + 4321);
        var upload = NewUpload(bytes.Length);
        var writer = Writer(concurrency: 2);
        gate.Open();
        var cut = 2 * Part + 2 * 1024 * 1024;

        var body = new UploadBodyStream(new BreakingStream(bytes[..cut]), bytes.Length, null);
        var first = await writer.WriteAsync(upload, Guid.NewGuid(), body, CancellationToken.None);

        Assert.NotNull(body.Failure);
        Assert.Equal(cut, first.Offset);
        Assert.Equal([1, 2], first.Storage.Parts.Select(p => p.Number));
        Assert.Equal(2 * 1024 * 1024, first.Storage.TailLength);
        Assert.Equal(2 * 1024 * 1024, (await store.HeadAsync(first.Storage.TailKey!))?.Length);

        var resumed = upload with { Offset = first.Offset, Storage = first.Storage };
        var second = await WriteAsync(writer, resumed, bytes[cut..]);

        Assert.Equal(bytes.Length, second.Offset);
        Assert.Equal([1, 2, 3], second.Storage.Parts.Select(p => p.Number));
        Assert.Equal(bytes, await FinishAsync(resumed, second.Storage));
    }

    private static Task<WrittenBytes> WriteAsync(MultipartUploadWriter writer, UploadInfo upload, byte[] body) =>
        writer.WriteAsync(upload, Guid.NewGuid(), new UploadBodyStream(new MemoryStream(body), body.Length, null), CancellationToken.None);

    private MultipartUploadWriter Writer(int concurrency) =>
        new(store, Options.Create(new UploadSettings { PartConcurrency = concurrency }));

    private static UploadInfo NewUpload(long length) => new()
    {
        UploadId = Guid.NewGuid().ToString("N"),
        VideoId = Guid.NewGuid().ToString("N"),
        Length = length,
        Status = UploadStatus.Active,
    };

    private async Task<byte[]> FinishAsync(UploadInfo upload, UploadStorage storage)
    {
        var key = await Writer(concurrency: 1).FinishAsync(upload, storage, CancellationToken.None);
        await using var content = await store.GetAsync(key);
        Assert.NotNull(content);
        using var copy = new MemoryStream();
        await content.Stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>Gives its bytes, then fails like a dropped connection.</summary>
    private sealed class BreakingStream(byte[] content) : MemoryStream(content, writable: false)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            return read > 0 ? read : throw new IOException("the client went away");
        }
    }
}
