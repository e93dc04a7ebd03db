namespace VideoPlatform.Grains.Channels;

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
