using VideoPlatform.Grains.Platform;
using VideoPlatform.Grains.Transcoding;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Operations;

/// <summary>
/// A cluster of two general and two media silos, each media silo with one transcode slot, and a lease long enough
/// that a job that moves to another silo within seconds cannot have been waiting for it to run out.
/// </summary>
public sealed class TwoMediaSiloCluster : IAsyncLifetime
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(90);

    private ApiFactory? api;

    public PlatformClusterFixture Cluster { get; } = new() { MediaSilos = 2, JobLease = Lease };

    /// <summary>The Api over this cluster, signed in as the admin.</summary>
    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Cluster.InitializeAsync();
        api = new ApiFactory(Cluster);
        Http = (await api.AdminAsync()).Client;
    }

    public async Task DisposeAsync()
    {
        if (api is not null)
        {
            await api.DisposeAsync();
        }

        await Cluster.DisposeAsync();
    }

    /// <summary>The silo whose worker runs (or ran) a job: worker ids are "{silo address}#{slot}".</summary>
    public static string SiloOf(TranscodeJobInfo job) => job.WorkerId![..job.WorkerId!.LastIndexOf('#')];

    public Task<TranscodeJobInfo?> JobAsync(string videoId) => Cluster.Client.GetGrain<ITranscodeJobGrain>(videoId).Get();

    public IEnumerable<Orleans.TestingHost.InProcessSiloHandle> MediaSilos => Cluster.SilosOf(SiloPool.Media);
}
