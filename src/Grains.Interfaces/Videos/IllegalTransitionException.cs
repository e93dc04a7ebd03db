namespace VideoPlatform.Grains.Videos;

/// <summary>A trigger that the video's current status does not allow (HTTP 409).</summary>
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

    public IllegalTransitionException(VideoStatus from, VideoTrigger trigger)
        : base($"A video that is {from.ToString().ToLowerInvariant()} cannot take '{trigger}'")
    {
        From = from;
        Trigger = trigger;
    }

    [Id(0)] public VideoStatus From { get; init; }
    [Id(1)] public VideoTrigger Trigger { get; init; }
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
