using Microsoft.Extensions.Configuration;
using VideoPlatform.Hosting;

namespace VideoPlatform.Tests.Hosting;

[Trait("Category", "Unit")]
public sealed class HostBuildersTests
{
    // Under `dotnet test` the working directory is the binaries too; what this pins is that the path comes from the
    // assembly's location, which `./vp up` (started from the repository) depends on.
    [Fact]
    public void Create_RootsTheHostAtItsBinaries_NotTheWorkingDirectory()
    {
        var builder = HostBuilders.Create([]);

        Assert.Equal(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory), Path.TrimEndingDirectorySeparator(builder.Environment.ContentRootPath));
    }

    [Fact]
    public void Create_WatchesNoConfigurationFile()
    {
        var builder = HostBuilders.Create(["--Some:Setting=1"]);

        var files = ((IConfigurationBuilder)builder.Configuration).Sources.OfType<FileConfigurationSource>().ToList();
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.False(f.ReloadOnChange, $"{f.Path} is watched"));
        Assert.Equal("1", builder.Configuration["Some:Setting"]);
    }
}
