using System.Text.Json;
using VideoPlatform.Grains.Uploads;
using VideoPlatform.Grains.Videos;
using VideoPlatform.Storage;
using VideoPlatform.Tests.Fixtures;
using static VideoPlatform.Tests.Api.Uploads.TusRequests;

namespace VideoPlatform.Tests.Api.Uploads;

/// <summary>The real tus-js-client (Node) against the Api on a socket: chunked, aborted midway, resumed from the server's offset.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TusJsClientTests(PlatformClusterFixture cluster) : IAsyncLifetime
{
    private readonly ApiFactory api = new(cluster);
    private readonly TempFolder folder = new("vp-tus-js");
    private Uri baseAddress = null!;

    public Task InitializeAsync()
    {
        baseAddress = KestrelApi.Start(api);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await api.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task TusJsClient_AbortedAndResumed_StoresIdenticalSourceAndVideoIsUploaded()
    {
        var modules = await NodeTools.ModulesAsync();
        using var user = await api.RegisterUserAsync();
        var videoId = await CreateVideoAsync(user.Client);
        var bytes = RandomBytes(3 * 1024 * 1024 + 12345);
        var file = Path.Combine(folder.Path, "clip.bin");
        await File.WriteAllBytesAsync(file, bytes);
        var script = Path.Combine(AppContext.BaseDirectory, "Api", "Uploads", "tus-resume.js");

        var (exitCode, output) = await NodeTools.RunAsync(
            "node", [script, new Uri(baseAddress, "/api/uploads").ToString(), videoId, file, user.AccessToken],
            new Dictionary<string, string> { ["NODE_PATH"] = modules });

        Assert.True(exitCode == 0, output);
        var result = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        var resumedFrom = result.GetProperty("resumedFrom").GetInt64();
        Assert.InRange(resumedFrom, 1, bytes.Length - 1);
        Assert.Equal(bytes, await ReadStoredAsync(cluster, MediaKeys.Source(videoId)));
        Assert.True((await VideoAsync(cluster, videoId))!.Status >= VideoStatus.Uploaded);
    }
}
