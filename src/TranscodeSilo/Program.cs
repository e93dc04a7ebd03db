using VideoPlatform.TranscodeSilo.Ingest.Server;
using VideoPlatform.TranscodeSilo.Transcoding.Worker;
using VideoPlatform.Grains.Platform;
using VideoPlatform.Hosting;
using VideoPlatform.Hosting.Health;
using VideoPlatform.Hosting.Telemetry;

var builder = HostBuilders.Create(args);
builder.AddPlatformSilo(SiloPool.Media);
builder.Services.AddTranscodeWorker(builder.Configuration);
builder.Services.AddLiveIngest(builder.Configuration);

var app = builder.Build();
app.MapPlatformHealth();
app.MapPlatformMetrics();

await app.MigrateDatabaseAsync();
await app.RunAsync();
