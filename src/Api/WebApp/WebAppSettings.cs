namespace VideoPlatform.Api.WebApp;

/// <summary>Bound from <c>VideoPlatform:WebApp</c>.</summary>
public sealed class WebAppSettings
{
    public const string Section = "VideoPlatform:WebApp";

    /// <summary>The built app (vite's output); relative to the Api's binaries, where the build copies it.</summary>
    public string Root { get; set; } = "wwwroot";
}
