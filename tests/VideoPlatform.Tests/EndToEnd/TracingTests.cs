using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using VideoPlatform.Hosting.Telemetry;
using VideoPlatform.Tests.Fixtures;
using VideoPlatform.TranscodeSilo.Transcoding.Worker;

namespace VideoPlatform.Tests.EndToEnd;

/// <summary>One trace from the upload's HTTP request through the grains to the media silo's encode.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TracingTests(PlatformClusterFixture cluster) : IAsyncLifetime
{
    private readonly TempFolder folder = new("vp-trace");
    private readonly ApiFactory api = new(cluster);
    private readonly List<Activity> spans = [];
    private TracerProvider tracer = null!;

    public Task InitializeAsync()
    {
        // Listeners are process-wide: this one sees the Api, every test silo and the media worker.
        tracer = Sdk.CreateTracerProviderBuilder()
            .AddSource(PlatformTelemetry.SourceName, Orleans.Diagnostics.ActivitySources.ApplicationGrainActivitySourceName)
            .AddAspNetCoreInstrumentation()
            .AddInMemoryExporter(spans)
            .Build()!;
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Upload_TranscodeSpanDescendsFromTheHttpRequest()
    {
        var http = (await api.AdminAsync()).Client;
        var clip = await TestMedia.ClipAsync(folder.Path, 320, 240, 2);
        var id = await VodSteps.CreateAsync(http, "traced");

        await VodSteps.PutSourceAsync(http, id, clip);
        await VodSteps.WaitForStatusAsync(http, id, "ready", TimeSpan.FromMinutes(2));

        Activity? job = null;
        Assert.True(await Eventually.WaitAsync(() => Task.FromResult((job = Snapshot().FirstOrDefault(s =>
            s.OperationName == TranscodeTracing.JobSpan && (string?)s.GetTagItem("vp.video_id") == id)) is not null), TimeSpan.FromSeconds(30)),
            "no transcode span was exported");
        var all = Snapshot().Where(s => s.TraceId == job!.TraceId).ToDictionary(s => s.SpanId);
        var chain = new List<Activity> { job! };
        while (all.TryGetValue(chain[^1].ParentSpanId, out var parent))
        {
            chain.Add(parent);
        }

        var request = chain[^1];
        Assert.Equal(ActivityKind.Server, request.Kind);
        Assert.Equal("Microsoft.AspNetCore", request.Source.Name);
        Assert.Contains("/source", request.GetTagItem("url.path") as string ?? request.DisplayName, StringComparison.Ordinal);
        Assert.Contains(chain, s => s.Source.Name == Orleans.Diagnostics.ActivitySources.ApplicationGrainActivitySourceName);
    }

    public async Task DisposeAsync()
    {
        tracer.Dispose();
        await api.DisposeAsync();
        folder.Dispose();
    }

    private List<Activity> Snapshot()
    {
        tracer.ForceFlush();
        lock (spans)
        {
            return [.. spans];
        }
    }
}
