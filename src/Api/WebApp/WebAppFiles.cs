using System.Collections.Frozen;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Options;

namespace VideoPlatform.Api.WebApp;

/// <summary>One file of the built app, with the brotli and gzip copies the build made beside it.</summary>
public sealed record WebAsset(string Path, string ContentType, string? Brotli, string? Gzip, bool Immutable);

/// <summary>
/// The built app's files, listed once at start: only files found there are ever served, so no request path reaches
/// the file system. Missing (Node was absent at build time), the Api says so at the app's pages.
/// </summary>
public sealed class WebAppFiles
{
    private const string IndexPath = "/index.html";
    private readonly FrozenDictionary<string, WebAsset> assets;

    public WebAppFiles(IOptions<WebAppSettings> options, IWebHostEnvironment environment)
    {
        Root = Path.GetFullPath(options.Value.Root, environment.ContentRootPath);
        assets = File.Exists(Path.Combine(Root, "index.html")) ? List(Root) : FrozenDictionary<string, WebAsset>.Empty;
    }

    public string Root { get; }

    /// <summary>The app's page (every route renders it), or null when the app was not built.</summary>
    public WebAsset? Index => assets.GetValueOrDefault(IndexPath);

    public WebAsset? Find(PathString path) => path.Value is { } value ? assets.GetValueOrDefault(value) : null;

    private static FrozenDictionary<string, WebAsset> List(string root)
    {
        var types = new FileExtensionContentTypeProvider();
        var found = new Dictionary<string, WebAsset>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            if (file.EndsWith(".br", StringComparison.Ordinal) || file.EndsWith(".gz", StringComparison.Ordinal))
            {
                continue;
            }

            var path = "/" + Path.GetRelativePath(root, file).Replace('\\', '/');
            var type = types.TryGetContentType(file, out var known) ? known : "application/octet-stream";
            // Vite names everything under /assets/ by a hash of its content: such a name never changes meaning.
            found[path] = new WebAsset(file, type, Sibling(file, ".br"), Sibling(file, ".gz"), path.StartsWith("/assets/", StringComparison.Ordinal));
        }

        return found.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string? Sibling(string file, string extension) => File.Exists(file + extension) ? file + extension : null;
}
