using VideoPlatform.TranscodeSilo.Transcoding;
using Microsoft.Extensions.Logging;
using VideoPlatform.Grains.Channels;
using VideoPlatform.TranscodeSilo.Ingest.Rtmp;

namespace VideoPlatform.TranscodeSilo.Ingest.Packaging;

/// <summary>The FFmpeg side of a session: plan the ladder from the first messages, feed FLV, sweep segments out.</summary>
public sealed partial class IngestSession
{
    private async Task PumpAsync()
    {
        var root = string.IsNullOrEmpty(services.Settings.WorkRoot) ? Path.GetTempPath() : services.Settings.WorkRoot;
        var work = Path.Combine(root, $"vp-live-{context.SessionId}-{Guid.NewGuid():N}");
        try
        {
            var source = new LiveSource();
            var buffered = new List<RtmpMessage>();
            await foreach (var message in queue.ReadAllAsync(abort.Token))
            {
                source.Observe(message);
                buffered.Add(message);
                if (source.IsReady)
                {
                    break;
                }
            }

            if (!source.IsReady)
            {
                return; // unpublished before any video: nothing to package
            }

            var segmentSeconds = context.Settings.LatencyMode == LatencyMode.Low ? 1 : 2;
            var ladder = LiveLadderPlanner.Plan(source, segmentSeconds);
            await ReportMediaAsync(source);
            Directory.CreateDirectory(work);
            foreach (var rung in ladder.Rungs)
            {
                Directory.CreateDirectory(Path.Combine(work, rung.Name));
            }

            var publisher = new LiveSegmentPublisher(services.Store, context.ChannelId, context.SessionId, work, ladder, services.Settings.WindowSegments)
            {
                Lag = lag => services.Platform.StreamLag.Record(lag.TotalSeconds),
                Time = services.Time,
            };
            var start = context.Resumed ? await publisher.ResumeAsync(abort.Token) : 0;
            await using var ffmpeg = LiveFfmpegProcess.Start(services.Tools.FfmpegPath, LiveHlsArguments.Build(ladder, services.Settings.Preset, start), work);
            using var stopSweeping = new CancellationTokenSource();
            var sweeping = SweepLoopAsync(publisher, stopSweeping.Token);
            await FeedAsync(ffmpeg, ladder, buffered);
            var exit = abort.IsCancellationRequested ? null : await ffmpeg.FinishAsync(services.Settings.FinishTimeout);
            ffmpeg.Kill();
            await stopSweeping.CancelAsync();
            await sweeping;
            using var finalSweep = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await publisher.SweepAsync(finalSweep.Token);
            if (unpublished)
            {
                await publisher.EndAsync(finalSweep.Token);
            }
            logger.LogInformation("Session {Session}: FFmpeg exit {Exit}, {Segments} segments in the store{Errors}",
                context.SessionId, exit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "killed", publisher.SegmentCount,
                exit is 0 ? "" : $"; {ffmpeg.ErrorTail}");
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception or OperationCanceledException)
        {
            logger.LogWarning(ex, "Session {Session}: packaging failed", context.SessionId);
            Abort($"packaging failed: {ex.Message}");
        }
        finally
        {
            WorkFolders.DeleteQuietly(work);
        }
    }

    private async Task FeedAsync(LiveFfmpegProcess ffmpeg, LiveLadder ladder, List<RtmpMessage> buffered)
    {
        var flv = new FlvStreamWriter(ffmpeg.Input);
        try
        {
            await flv.WriteHeaderAsync(ladder.HasAudio, hasVideo: true, abort.Token);
            foreach (var message in buffered)
            {
                await flv.WriteAsync(message, abort.Token);
                queue.Release(message);
            }

            await foreach (var message in queue.ReadAllAsync(abort.Token))
            {
                await flv.WriteAsync(message, abort.Token);
                queue.Release(message);
            }
        }
        catch (IOException ex)
        {
            Abort($"FFmpeg stopped reading ({ex.Message}): {ffmpeg.ErrorTail}");
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            ffmpeg.Kill();
        }
    }

    private async Task SweepLoopAsync(LiveSegmentPublisher publisher, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(services.Settings.SweepInterval, services.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    await publisher.SweepAsync(stop);
                }
                catch (IOException ex)
                {
                    logger.LogWarning(ex, "Session {Session}: segment upload failed; retrying", context.SessionId);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ReportMediaAsync(LiveSource source)
    {
        var media = new LiveMediaInfo
        {
            VideoCodec = source.VideoIsAvc ? "h264" : "other",
            AudioCodec = source.HasAudio ? (source.AudioIsAac ? "aac" : "other") : null,
            Width = source.Width,
            Height = source.Height,
            FrameRate = source.FrameRate,
        };
        try
        {
            await Session.ReportMedia(context.ConnectionId, media);
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            logger.LogWarning(ex, "Session {Session}: could not report media info", context.SessionId);
        }
    }

}
