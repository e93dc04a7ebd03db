using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using VideoPlatform.Grains.Transcoding;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Infrastructure.Storage;

namespace VideoPlatform.TranscodeSilo.Transcoding.Worker;

/// <summary>
/// Runs one leased job: download the source, transcode, publish, report. The lease is renewed in the
/// background; a Canceled or Lost answer stops FFmpeg at once.
/// </summary>
public sealed class TranscodeJobRunner(
    IGrainFactory grains,
    IObjectStore store,
    Transcoder transcoder,
    TranscodeWorkerSettings settings,
    TranscodeMetrics metrics,
    ILogger<TranscodeJobRunner> logger)
{
    public async Task RunAsync(string jobId, string workerId, CancellationToken stopping)
    {
        var job = grains.GetGrain<ITranscodeJobGrain>(jobId);
        var ticket = await job.Start(workerId);
        if (ticket is null)
        {
            return;
        }

        metrics.JobStarted();
        var clock = Stopwatch.StartNew();
        var work = Path.Combine(string.IsNullOrEmpty(settings.WorkRoot) ? Path.GetTempPath() : settings.WorkRoot, $"vp-job-{Guid.NewGuid():N}");
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var progress = new LatestProgress();
        var renewing = RenewAsync(job, workerId, ticket.Lease, progress, abort);
        var outcome = "error";
        try
        {
            Directory.CreateDirectory(work);
            var (sourceFile, sha256) = await SourceAsync(ticket.SourceKey, work, abort.Token);
            var output = Path.Combine(work, "out");
            var options = new TranscodeOptions
            {
                Preset = settings.Preset,
                Threads = settings.Threads,
                MaxDuration = settings.MaxDuration,
                WorkRoot = work,
            };
            var result = await transcoder.TranscodeAsync(sourceFile, output, options, progress, abort.Token);
            switch (result)
            {
                case TranscodeOutcome.Rejected rejected:
                    outcome = "rejected";
                    await job.Fail(workerId, new VideoFailure(rejected.Rejection.Code, rejected.Rejection.Message), retryable: false);
                    break;
                case TranscodeOutcome.Transcoded done:
                    await OutputPublisher.PublishAsync(store, ticket.VideoId, output, abort.Token);
                    outcome = "succeeded";
                    await job.Succeed(workerId, ToOutput(ticket.VideoId, done.Result, sha256));
                    break;
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            outcome = stopping.IsCancellationRequested ? "interrupted" : "canceled";
            if (stopping.IsCancellationRequested)
            {
                // The silo is shutting down: hand the job back now rather than waiting for the lease to run out.
                await job.Fail(workerId, new VideoFailure("transcode_error", "media silo shut down"), retryable: true);
            }
        }
        catch (Exception ex) when (ex is MediaToolException or IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Job {JobId} attempt {Attempt} failed", jobId, ticket.Attempt);
            await job.Fail(workerId, new VideoFailure("transcode_error", ex.Message), retryable: true);
        }
        finally
        {
            await abort.CancelAsync();
            await renewing;
            WorkFolders.DeleteQuietly(work);
            metrics.JobEnded();
            metrics.Outcomes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
            metrics.Duration.Record(clock.Elapsed.TotalSeconds);
        }
    }

    /// <summary>
    /// The source as a file ffprobe and ffmpeg can open, and its SHA-256. A store whose objects are local files lends the
    /// file itself (only read, to hash it); any other store is downloaded into the job's folder.
    /// </summary>
    private async Task<(string File, string Sha256)> SourceAsync(string sourceKey, string work, CancellationToken cancellationToken)
    {
        if (store is ILocalFileObjectStore local && local.LocalFile(sourceKey) is { } inPlace)
        {
            await using var file = new FileStream(inPlace, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 20, FileOptions.SequentialScan | FileOptions.Asynchronous);
            return (inPlace, Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken)));
        }

        return await DownloadAsync(sourceKey, work, cancellationToken);
    }

    private async Task<(string File, string Sha256)> DownloadAsync(string sourceKey, string work, CancellationToken cancellationToken)
    {
        var file = Path.Combine(work, "source");
        await using var content = await store.GetAsync(sourceKey, cancellationToken: cancellationToken)
            ?? throw new IOException($"source object '{sourceKey}' is missing");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var target = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await content.Stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }

        return (file, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private async Task RenewAsync(ITranscodeJobGrain job, string workerId, TimeSpan lease, LatestProgress progress, CancellationTokenSource abort)
    {
        using var timer = new PeriodicTimer(JobReporting.Tick(settings.EffectiveProgressInterval, lease));
        var sinceRenewal = Stopwatch.StartNew();
        try
        {
            while (await timer.WaitForNextTickAsync(abort.Token))
            {
                var report = JobReporting.Next(sinceRenewal.Elapsed, lease);
                LeaseStatus status;
                if (report == JobReport.Renew)
                {
                    status = await job.Renew(workerId, progress.Percent);
                    sinceRenewal.Restart();
                }
                else
                {
                    try
                    {
                        status = await job.ReportProgress(workerId, progress.Percent);
                    }
                    catch (Exception ex) when (ex is TimeoutException or OrleansException)
                    {
                        continue; // only a renewal that fails gives the job up; a lost report is just a late bar
                    }
                }

                if (status != LeaseStatus.Ok)
                {
                    logger.LogInformation("Job {JobId}: lease {Status}; stopping FFmpeg", job.GetPrimaryKeyString(), status);
                    await abort.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            // The job grain is unreachable; the lease will lapse and another silo will take the job.
            logger.LogWarning(ex, "Job {JobId}: lease renewal failed", job.GetPrimaryKeyString());
            await abort.CancelAsync();
        }
    }

    private static TranscodeOutput ToOutput(string videoId, TranscodeResult result, string sha256) => new()
    {
        Source = new Grains.Videos.SourceInfo
        {
            Container = result.Source.FormatName,
            VideoCodec = result.Source.VideoCodec,
            AudioCodec = result.Source.AudioCodec,
            Width = result.Source.Width,
            Height = result.Source.Height,
            FrameRate = result.Source.FrameRate.Value,
            DurationSeconds = result.Duration.TotalSeconds,
            Size = result.Source.Size,
            Sha256 = sha256,
        },
        Renditions = result.Renditions.Select(r => new Rendition(r.Name, r.Width, r.Height, (int)Math.Min(r.Bitrate, int.MaxValue), r.FrameRate)).ToList(),
        MasterKey = OutputPublisher.KeyFor(videoId, result.MasterPlaylistPath),
        PosterKey = OutputPublisher.KeyFor(videoId, result.PosterPath),
        StoryboardKey = OutputPublisher.KeyFor(videoId, result.StoryboardVttPath),
    };


    private sealed class LatestProgress : IProgress<double>
    {
        private int percent;

        public int Percent => Volatile.Read(ref percent);

        public void Report(double value) => Volatile.Write(ref percent, (int)Math.Clamp(value, 0, 100));
    }
}
