namespace VideoPlatform.TranscodeSilo.Transcoding;

/// <summary>
/// Looks at the work folder while ffmpeg writes the ladder into it (the progressive publisher does). Called once per
/// interval, never concurrently with itself; an exception stops the encode and fails the transcode.
/// </summary>
public interface IEncodeWatcher
{
    Task OnEncodingAsync(string workFolder, LadderPlan plan, CancellationToken cancellationToken);
}
