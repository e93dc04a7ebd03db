namespace VideoPlatform.Grains.Channels;

/// <summary>A trigger that the channel's current status does not allow (HTTP 409).</summary>
[GenerateSerializer, Alias("VideoPlatform.IllegalChannelTransitionException")]
public sealed class IllegalChannelTransitionException : Exception
{
    public IllegalChannelTransitionException()
    {
    }

    public IllegalChannelTransitionException(string message) : base(message)
    {
    }

    public IllegalChannelTransitionException(string message, Exception inner) : base(message, inner)
    {
    }

    public IllegalChannelTransitionException(ChannelStatus from, ChannelTrigger trigger)
        : base($"A channel that is {from.ToString().ToLowerInvariant()} cannot take '{trigger}'")
    {
        From = from;
        Trigger = trigger;
    }

    [Id(0)] public ChannelStatus From { get; init; }
    [Id(1)] public ChannelTrigger Trigger { get; init; }
}

/// <summary>The grain was asked about a channel that was never created (HTTP 404).</summary>
[GenerateSerializer, Alias("VideoPlatform.ChannelNotFoundException")]
public sealed class ChannelNotFoundException : Exception
{
    public ChannelNotFoundException()
    {
    }

    public ChannelNotFoundException(string channelId) : base($"Channel '{channelId}' does not exist")
    {
    }

    public ChannelNotFoundException(string message, Exception inner) : base(message, inner)
    {
    }
}
