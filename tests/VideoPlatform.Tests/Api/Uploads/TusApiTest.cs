using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api.Uploads;

/// <summary>The tus endpoints as a registered user of an Api with a 1 MB upload limit: the base of the Upload*ApiTests classes.</summary>
public abstract class TusApiTest(PlatformClusterFixture cluster)
    : ClusterApiTest(cluster, new Dictionary<string, string?> { ["VideoPlatform:Uploads:MaxSize"] = "1000000" })
{
    /// <summary>The registered user's client.</summary>
    protected HttpClient Client { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Client = (await Api.RegisterUserAsync()).Client;
    }
}
