using VideoPlatform.Grains.Platform;
using VideoPlatform.Hosting;
using VideoPlatform.Hosting.Health;

var builder = HostBuilders.Create(args);
builder.AddPlatformSilo(SiloPool.General);

var app = builder.Build();
app.MapPlatformHealth();

await app.MigrateDatabaseAsync();
await app.RunAsync();
