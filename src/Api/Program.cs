using VideoPlatform.Api;
using VideoPlatform.Hosting;
using VideoPlatform.Hosting.Health;
using VideoPlatform.Hosting.Telemetry;

var builder = HostBuilders.Create(args);
builder.AddPlatformClient();
builder.AddApiServices();

var app = builder.Build();
app.UseApiPipeline();
app.MapPlatformHealth();
app.MapPlatformMetrics();
app.MapApis();

await app.MigrateDatabaseAsync();
await app.RunAsync();
