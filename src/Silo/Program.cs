using VideoPlatform.Grains.Platform;
using VideoPlatform.Hosting;
using VideoPlatform.Hosting.Health;
using VideoPlatform.Hosting.Telemetry;

var builder = HostBuilders.Create(args);
builder.AddPlatformSilo(SiloPool.General);

var app = builder.Build();
app.MapPlatformHealth();
app.MapPlatformMetrics();

await app.MigrateDatabaseAsync();
await app.RunAsync();
