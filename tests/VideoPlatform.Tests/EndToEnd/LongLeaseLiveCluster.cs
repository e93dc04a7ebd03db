using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.EndToEnd;

/// <summary>
/// A cluster whose live lease outlasts any test run on it (the ingest renews every third of it, 100 s): a session
/// that ends within seconds here was ended by the session grain telling the ingest, never by a renewal.
/// </summary>
public sealed class LongLeaseLiveCluster : IAsyncLifetime
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    public PlatformClusterFixture Cluster { get; } = new() { LiveLease = Lease };

    public Task InitializeAsync() => Cluster.InitializeAsync();

    public Task DisposeAsync() => Cluster.DisposeAsync();
}
