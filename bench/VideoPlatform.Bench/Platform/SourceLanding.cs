using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Hosting.Cluster;
using VideoPlatform.Hosting.Configuration;
using VideoPlatform.Infrastructure.Storage.FileSystem;

namespace VideoPlatform.Bench.Platform;

/// <summary>
/// Puts a whole source file into a video: PUT /api/videos/{id}/source. An Api without that endpoint (an older
/// checkout) gets the bytes straight into the FileSystem store and the video grain told that the upload is
/// complete, through an Orleans client, exactly as the upload paths do.
/// </summary>
public sealed class SourceLanding : IAsyncDisposable
{
    private readonly ApiClient api;
    private readonly PlatformProcess platform;
    private IHost? client;

    private SourceLanding(ApiClient api, PlatformProcess platform, bool viaApi)
    {
        this.api = api;
        this.platform = platform;
        ViaApi = viaApi;
    }

    public bool ViaApi { get; }

    public string How => ViaApi ? "PUT /api/videos/{id}/source" : "source written to the store + CompleteUpload (the Api has no PUT /api/videos/{id}/source)";

    /// <summary>Connects the Orleans client up front (when needed), so that no upload's timing includes it.</summary>
    public static async Task<SourceLanding> CreateAsync(ApiClient api, PlatformProcess platform)
    {
        var landing = new SourceLanding(api, platform, await api.HasOperationAsync("/api/videos/{id}/source", "PUT"));
        if (!landing.ViaApi)
        {
            await landing.ClientAsync();
        }

        return landing;
    }

    public async Task LandAsync(string videoId, string file)
    {
        if (ViaApi)
        {
            await using var stream = File.OpenRead(file);
            using var content = new StreamContent(stream, 1 << 20);
            content.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
            using var response = await api.Http.PutAsync(new Uri($"/api/videos/{videoId}/source", UriKind.Relative), content);
            response.EnsureSuccessStatusCode();
            return;
        }

        var store = new FileSystemObjectStore(platform.StoreRoot, TimeProvider.System);
        var key = $"raw/{videoId}/source";
        await using (var stream = File.OpenRead(file))
        {
            await store.PutAsync(key, stream, "video/mp4");
        }

        var grains = (await ClientAsync()).Services.GetRequiredService<IClusterClient>();
        await grains.GetGrain<IVideoGrain>(videoId).CompleteUpload(new UploadedSource(key, new FileInfo(file).Length, Path.GetFileName(file), null));
    }

    private async Task<IHost> ClientAsync()
    {
        if (client is not null)
        {
            return client;
        }

        var options = new PlatformOptions
        {
            Clustering = new ClusteringSettings { Provider = ClusteringProvider.AdoNet },
            Streams = new StreamsSettings { Provider = StreamsProvider.AdoNet },
            Postgres = new PostgresSettings { ConnectionString = platform.PostgresConnectionString },
        };
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(c => c.UsePlatform(options));
        builder.Services.AddSingleton<IHostLifetime, Tools.QuietLifetime>();
        client = builder.Build();
        var clock = Stopwatch.StartNew();
        await client.StartAsync();
        Tools.Say.Line($"Orleans client connected in {Tools.Say.Seconds(clock.Elapsed)}");
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (client is not null)
        {
            await client.StopAsync();
            client.Dispose();
        }
    }
}
