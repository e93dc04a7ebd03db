using System.Diagnostics;
using Microsoft.Extensions.Logging;
using VideoPlatform.Grains.Transcoding;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Storage;

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
        var ticket = await StartAsync(job, workerId);
        if (ticket is null)
        {
            return;
        }

        using var span = TranscodeTracing.StartJob(ticket);
        metrics.JobStarted();
        var clock = Stopwatch.StartNew();
        var work = Path.Combine(string.IsNullOrEmpty(settings.WorkRoot) ? Path.GetTempPath() : settings.WorkRoot, $"vp-job-{Guid.NewGuid():N}");
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var progress = new LatestProgress();
        var stop = new StopReason();
        var renewing = RenewAsync(job, workerId, ticket.Lease, progress, stop, abort);
        var growing = new ProgressivePublisher(store, ticket.VideoId, async (masterKey, _) =>
        {
            LeaseStatus status;
            try
            {
                status = await job.ReportPlayable(workerId, masterKey);
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException)
            {
                return false; // the next look tries again; the encode goes on
            }

            if (status != LeaseStatus.Ok)
            {
                await stop.StopAsync(status, abort);
            }

            return status == LeaseStatus.Ok;
        });
        var outcome = "error";
        Task<string>? hashing = null;
        try
        {
            Directory.CreateDirectory(work);
            var (sourceFile, sha256) = await JobSource.OpenAsync(store, ticket.SourceKey, work, abort.Token);
            hashing = sha256;
            var output = Path.Combine(work, "out");
            var options = new TranscodeOptions
            {
                Preset = settings.Preset,
                Threads = settings.Threads,
                MaxDuration = settings.MaxDuration,
                MaxWidth = settings.MaxWidth,
                MaxHeight = settings.MaxHeight,
                TimeoutFactor = settings.TimeoutFactor,
                TimeoutFloor = settings.TimeoutFloor,
                WorkRoot = work,
            };
            var result = await transcoder.TranscodeAsync(sourceFile, output, options, progress, abort.Token, growing);
            switch (result)
            {
                case TranscodeOutcome.Rejected rejected:
                    outcome = "rejected";
                    await job.Fail(workerId, new VideoFailure(rejected.Rejection.Code, rejected.Rejection.Message), retryable: false);
                    break;
                case TranscodeOutcome.Transcoded done:
                    await OutputPublisher.PublishAsync(store, ticket.VideoId, output, abort.Token, growing.Published);
                    var hash = await sha256;
                    outcome = "succeeded";
                    metrics.RealtimeFactor.Record(done.Result.Duration.TotalSeconds / Math.Max(clock.Elapsed.TotalSeconds, 0.001));
                    await job.Succeed(workerId, ToOutput(ticket.VideoId, done.Result, hash));
                    break;
            }
        }
        // Once aborted, a killed FFmpeg or a cut store copy may surface as its own error: it is the abort, not a failure.
        catch (Exception ex) when (abort.IsCancellationRequested && ex is OperationCanceledException or MediaToolException or IOException)
        {
            outcome = stopping.IsCancellationRequested ? "interrupted" : "canceled";
            if (stopping.IsCancellationRequested)
            {
                // The silo is stopping: hand the job back so another silo starts it now, not when the lease runs out.
                await job.Release(workerId);
            }
            else if (stop.Status == LeaseStatus.Canceled)
            {
                // The video was deleted while this worker published its growing ladder. Its delete may have run before
                // the worker's last put landed; nothing writes any more, so this removal is the last word.
                await store.DeletePrefixAsync(MediaKeys.VideoPrefix(ticket.VideoId), CancellationToken.None);
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
            if (hashing is not null)
            {
                await Task.WhenAny(hashing);
                _ = hashing.Exception; // a hash nobody waited for (the job failed or was canceled first) is moot
            }

            WorkFolders.DeleteQuietly(work);
            metrics.JobEnded();
            metrics.Outcomes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
            metrics.Duration.Record(clock.Elapsed.TotalSeconds);
            span?.SetTag("vp.outcome", outcome);
        }
    }

    /// <summary>
    /// A start that failed or whose answer was lost (its silo killed, the database gone mid-call) may have made this worker the
    /// job's owner: give it back at once, uncounted, rather than leave it waiting for the lease to lapse.
    /// </summary>
    private async Task<TranscodeTicket?> StartAsync(ITranscodeJobGrain job, string workerId)
    {
        try
        {
            return await job.Start(workerId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            try
            {
                await job.Release(workerId);
            }
            catch (Exception again) when (again is not OperationCanceledException)
            {
                logger.LogWarning(again, "Job {JobId}: could not give back a start whose answer was lost", job.GetPrimaryKeyString());
            }

            throw;
        }
    }

    private async Task RenewAsync(ITranscodeJobGrain job, string workerId, TimeSpan lease, LatestProgress progress, StopReason stop, CancellationTokenSource abort)
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
                    await stop.StopAsync(status, abort);
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
        MasterKey = MediaKeys.Video(videoId, result.MasterPlaylistPath),
        PosterKey = MediaKeys.Video(videoId, result.PosterPath),
        StoryboardKey = MediaKeys.Video(videoId, result.StoryboardVttPath),
    };
}
