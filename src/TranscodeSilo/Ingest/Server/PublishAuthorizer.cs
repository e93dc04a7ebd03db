using System.Net;
using VideoPlatform.Grains.Channels;

namespace VideoPlatform.TranscodeSilo.Ingest.Server;

/// <summary>
/// Checks a publish key before NetStream.Publish.Start: throttled addresses are refused outright, the key's
/// hash finds the channel through the key index, and the channel grain decides (constant-time hash compare).
/// The clear key never leaves this node.
/// </summary>
public sealed class PublishAuthorizer(IngestServices services, FailedKeyThrottle throttle)
{
    public async Task<(string? ChannelId, PublishGrant Grant)> AuthorizeAsync(string key, IPAddress address, string connectionId)
    {
        if (throttle.IsBlocked(address))
        {
            return (null, PublishGrant.Reject(PublishRejection.InvalidKey));
        }

        var hash = StreamKeys.Hash(key);
        var channelId = await services.Grains.GetGrain<IStreamKeyIndexGrain>(StreamKeys.IndexId(hash)).Get();
        if (channelId is null)
        {
            throttle.Failed(address);
            return (null, PublishGrant.Reject(PublishRejection.InvalidKey));
        }

        var grant = await services.Grains.GetGrain<IChannelGrain>(channelId).BeginPublish(new PublishRequest
        {
            KeyHash = hash,
            IngestNode = services.NodeId,
            ConnectionId = connectionId,
            PublisherAddress = address.ToString(),
        });
        if (grant.Rejection == PublishRejection.InvalidKey)
        {
            throttle.Failed(address);
        }

        return (channelId, grant);
    }
}
