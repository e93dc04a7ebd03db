using Microsoft.Extensions.Options;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Uploads;
using VideoPlatform.Storage;

namespace VideoPlatform.Api.Uploads;

public enum PatchStatus
{
    Ok,
    NotFound,
    Gone,
    OffsetMismatch,
    Locked,
    TooLarge,
    ChecksumMismatch,
    Interrupted,
    LeaseLost,
}

public sealed record PatchResult(PatchStatus Status, UploadInfo? Upload);

/// <summary>
/// One PATCH (or the body of a creation-with-upload POST): lease, stream, verify, then commit or discard.
/// Bytes that arrived before a broken connection are committed (without a checksum to check them against).
/// </summary>
public sealed class PatchProcessor(IUploadWriter writer, IObjectStore store, IOptions<UploadSettings> options, TimeProvider time, PlatformMetrics metrics)
{
    public async Task<PatchResult> ApplyAsync(IUploadGrain grain, long offset, HttpRequest request, UploadChecksum? checksum)
    {
        var lease = options.Value.Lease;
        var grant = await grain.BeginPatch(offset, request.ContentLength, lease);
        if (grant.Outcome != PatchOutcome.Granted || grant.Upload is not { Status: UploadStatus.Active } upload)
        {
            return new PatchResult(Map(grant.Outcome), grant.Upload);
        }

        var committed = false;
        try
        {
            await using var keeper = new LeaseKeeper(grain, grant.Token, lease, time);
            using var hash = checksum?.CreateHash();
            var body = new UploadBodyStream(request.Body, upload.Length - upload.Offset, hash);
            WrittenBytes written;
            using (metrics.UploadStarted())
            {
                written = await writer.WriteAsync(upload, grant.Token, body, keeper.Token);
            }

            var verdict = Judge(body, keeper.Lost, checksum, hash);
            if (verdict is not (PatchStatus.Ok or PatchStatus.Interrupted) || written.Offset == upload.Offset)
            {
                await writer.DiscardAsync(upload, written);
                return new PatchResult(verdict, upload);
            }

            var whole = written.Offset == upload.Length;
            var sourceKey = whole ? await FinishAsync(grain, grant.Token, upload, written, keeper.Token) : null;
            if (whole && sourceKey is null)
            {
                await writer.DiscardAsync(upload, written);
                return new PatchResult(PatchStatus.LeaseLost, upload);
            }

            var after = await grain.CommitPatch(grant.Token, new PatchCommit(written.Offset, written.Storage, sourceKey));
            if (after is null)
            {
                await writer.DiscardAsync(upload, written);
                if (sourceKey is not null)
                {
                    // Assembled for an upload that ended meanwhile (its video deleted): nothing else would remove it.
                    await store.DeleteAsync(sourceKey, CancellationToken.None);
                }

                return new PatchResult(PatchStatus.LeaseLost, upload);
            }

            committed = true;
            metrics.UploadBytes.Add(written.Offset - upload.Offset);
            await writer.AfterCommitAsync(upload, after.Storage);
            return new PatchResult(verdict, after);
        }
        finally
        {
            if (!committed)
            {
                await grain.ReleasePatch(grant.Token);
            }
        }
    }

    /// <summary>
    /// The source's key, or null when assembling it failed because the upload ended meanwhile (its video deleted, or it
    /// expired) and took its staged bytes along: the append path's move then finds nothing, which is a lost lease, not a
    /// server error.
    /// </summary>
    private async Task<string?> FinishAsync(IUploadGrain grain, Guid token, UploadInfo upload, WrittenBytes written, CancellationToken cancellationToken)
    {
        try
        {
            return await writer.FinishAsync(upload, written.Storage, cancellationToken);
        }
        catch (Exception)
        {
            if (await grain.RenewLease(token, options.Value.Lease))
            {
                throw;
            }

            return null;
        }
    }

    private static PatchStatus Judge(UploadBodyStream body, bool leaseLost, UploadChecksum? checksum, System.Security.Cryptography.IncrementalHash? hash) => body switch
    {
        { TooLarge: true } => PatchStatus.TooLarge,
        _ when leaseLost => PatchStatus.LeaseLost,
        // A partial chunk cannot be checked against the checksum of the whole one: it is dropped.
        { Failure: not null } when checksum is not null => PatchStatus.ChecksumMismatch,
        { Failure: not null } => PatchStatus.Interrupted,
        _ when checksum is not null && !checksum.Matches(hash!) => PatchStatus.ChecksumMismatch,
        _ => PatchStatus.Ok,
    };

    private static PatchStatus Map(PatchOutcome outcome) => outcome switch
    {
        PatchOutcome.Granted => PatchStatus.Ok, // a completed upload: nothing left to write
        PatchOutcome.NotFound => PatchStatus.NotFound,
        PatchOutcome.Gone => PatchStatus.Gone,
        PatchOutcome.OffsetMismatch => PatchStatus.OffsetMismatch,
        PatchOutcome.Locked => PatchStatus.Locked,
        PatchOutcome.TooLarge => PatchStatus.TooLarge,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
