namespace VideoPlatform.Tests.Fixtures;

/// <summary>
/// A test class that talks to the shared in-process cluster through an Api of its own: made before each test and
/// disposed after it, so settings given here never leak into another class's Api.
/// </summary>
public abstract class ClusterApiTest(PlatformClusterFixture cluster, IReadOnlyDictionary<string, string?>? settings = null, bool kestrel = false)
    : IAsyncLifetime
{
    protected PlatformClusterFixture Cluster { get; } = cluster;

    protected ApiFactory Api { get; } = new(cluster, settings);

    protected HttpClient Http { get; private set; } = null!;

    public virtual Task InitializeAsync()
    {
        if (kestrel)
        {
            // Tests that hand the Api's address to another process (ffmpeg, a raw socket) need a real listener.
            Api.StartKestrel();
        }

        Http = Api.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Api.DisposeAsync();
    }
}
