using System.Reflection;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace VideoPlatform.Hosting.Cluster;

/// <summary>
/// The Api's second try of a read: a call in flight through a gateway to a silo that is killed gets no answer until
/// the response timeout (Orleans issue #10165: the gateway does not fail the calls it forwarded), while the same read
/// sent again reaches the grain's new activation. Only methods marked <see cref="ReadOnlyAttribute"/> are repeated,
/// once: a repeated write could apply twice.
/// </summary>
public sealed class ReadRetryFilter : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception ex) when (IsLostWithSilo(ex) && IsRead(context.InterfaceMethod))
        {
            await context.Invoke();
        }
    }

    /// <summary>No answer in time, or the message rejected on its way (a dead or unreachable silo; includes <see cref="SiloUnavailableException"/>).</summary>
    public static bool IsLostWithSilo(Exception exception) => exception is TimeoutException or OrleansMessageRejectionException;

    public static bool IsRead(MethodInfo? method) => method?.GetCustomAttribute<ReadOnlyAttribute>() is not null;
}
