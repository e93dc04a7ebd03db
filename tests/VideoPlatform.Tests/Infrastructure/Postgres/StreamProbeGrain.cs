using Orleans.Streams;
using Orleans.Streams.Core;

namespace VideoPlatform.Tests.Infrastructure.Postgres;

[Alias("vp.tests.stream-probe")]
public interface IStreamProbeGrain : IGrainWithGuidKey
{
    [Alias("received")]
    Task<IReadOnlyList<int>> GetReceivedAsync();
}

/// <summary>Implicitly subscribed to <see cref="Namespace"/>; records every event it is handed.</summary>
[ImplicitStreamSubscription(Namespace)]
public sealed class StreamProbeGrain : Grain, IStreamProbeGrain, IStreamSubscriptionObserver
{
    public const string Namespace = "vp-tests-probe";

    private readonly List<int> received = [];

    public Task<IReadOnlyList<int>> GetReceivedAsync() => Task.FromResult<IReadOnlyList<int>>([.. received]);

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        await handleFactory.Create<int>().ResumeAsync((item, _) =>
        {
            received.Add(item);
            return Task.CompletedTask;
        });
    }
}
