using VideoPlatform.Grains.Platform;
using VideoPlatform.Hosting;
using VideoPlatform.Hosting.Health;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformSilo(SiloPool.Media);

var app = builder.Build();
app.MapPlatformHealth();

await app.MigrateDatabaseAsync();
await app.RunAsync();
