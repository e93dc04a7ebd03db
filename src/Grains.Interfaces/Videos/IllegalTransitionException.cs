namespace VideoPlatform.Grains.Videos;

/// <summary>
/// A trigger that the current state of a lifecycle (video, upload, transcode job, channel) does not allow (HTTP 409).
/// It keeps the namespace of the video lifecycle, where the Api's handlers have always caught it.
/// </summary>
[GenerateSerializer, Alias("VideoPlatform.IllegalTransitionException")]
public sealed class IllegalTransitionException : Exception
{
    public IllegalTransitionException()
    {
    }

    public IllegalTransitionException(string message) : base(message)
    {
    }

    public IllegalTransitionException(string message, Exception inner) : base(message, inner)
    {
    }

    public IllegalTransitionException(string lifecycle, string from, string trigger)
        : base($"A {lifecycle} that is {from.ToLowerInvariant()} cannot take '{trigger}'")
    {
        Lifecycle = lifecycle;
        From = from;
        Trigger = trigger;
    }

    [Id(2)] public string? Lifecycle { get; init; }
    [Id(3)] public string? From { get; init; }
    [Id(4)] public string? Trigger { get; init; }
}

/// <summary>The grain was asked about a video that was never created (HTTP 404).</summary>
[GenerateSerializer, Alias("VideoPlatform.VideoNotFoundException")]
public sealed class VideoNotFoundException : Exception
{
    public VideoNotFoundException()
    {
    }

    public VideoNotFoundException(string videoId) : base($"Video '{videoId}' does not exist")
    {
    }

    public VideoNotFoundException(string message, Exception inner) : base(message, inner)
    {
    }
}
