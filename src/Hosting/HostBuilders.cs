using Microsoft.AspNetCore.Builder;

namespace VideoPlatform.Hosting;

/// <summary>How every host process starts its builder.</summary>
public static class HostBuilders
{
    /// <summary>
    /// <see cref="WebApplication.CreateBuilder(WebApplicationOptions)"/> without watching for appsettings changes,
    /// and with the content root at the host's own binaries instead of the working directory. The default watches
    /// the content root recursively: started from the repository (as <c>./vp up</c> does), every host would watch the
    /// source tree, PostgreSQL's files and the object store, and spend CPU on each file the others write. Settings are read once at start (and validated then) anyway.
    /// </summary>
    public static WebApplicationBuilder Create(string[] args) =>
        WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. args, "--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
}
