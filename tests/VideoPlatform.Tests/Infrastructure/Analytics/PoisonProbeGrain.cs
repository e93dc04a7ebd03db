using Orleans.Streams;
using Orleans.Streams.Core;

namespace VideoPlatform.Tests.Infrastructure.Analytics;

[Alias("vp.tests.poison-probe")]
public interface IPoisonProbeGrain : IGrainWithGuidKey
{
    [Alias("received")]
    Task<IReadOnlyList<int>> Received();
}

/// <summary>Implicitly subscribed to <see cref="Namespace"/>: throws on <see cref="Poison"/> every time, records the rest.</summary>
[ImplicitStreamSubscription(Namespace)]
public sealed class PoisonProbeGrain : Grain, IPoisonProbeGrain, IStreamSubscriptionObserver
{
    public const string Namespace = "vp-tests-poison";
    public const int Poison = -1;

    private readonly List<int> received = [];

    public Task<IReadOnlyList<int>> Received() => Task.FromResult<IReadOnlyList<int>>([.. received]);

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<int>().ResumeAsync((item, _) =>
        {
            if (item == Poison)
            {
                throw new InvalidOperationException("poison event");
            }

            received.Add(item);
            return Task.CompletedTask;
        });
}
