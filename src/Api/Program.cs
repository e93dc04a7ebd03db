using VideoPlatform.Api;
using VideoPlatform.Hosting;
using VideoPlatform.Hosting.Health;

var builder = HostBuilders.Create(args);
builder.AddPlatformClient();
builder.AddApiServices();

var app = builder.Build();
app.UseApiPipeline();
app.MapPlatformHealth();
app.MapApis();

await app.MigrateDatabaseAsync();
await app.RunAsync();
