using System.Text.RegularExpressions;
using static VideoPlatform.Tests.Operations.RenderedManifests;

namespace VideoPlatform.Tests.Operations;

/// <summary>The images: each is built by the repository's Dockerfile for its host, the Api's with the web app in it.</summary>
public sealed partial class KubernetesManifestTests
{
    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Images_AreBuiltByTheRepositorysDockerfiles_WithFfmpegOnlyForTheMediaPool(string overlay)
    {
        var rendered = await OfAsync(overlay);
        foreach (var container in rendered.PlatformContainers)
        {
            var path = Path.Combine(RepoRoot, "docker", $"{container.Host}.Dockerfile");
            Assert.True(File.Exists(path), $"{container.Name}: image {Str(container.Container["image"])} has no {path}");
            var text = File.ReadAllText(path);
            Assert.Matches(@"(?m)^FROM mcr\.microsoft\.com/dotnet/sdk:\S+ AS build$", text);
            Assert.Matches(@"(?m)^FROM mcr\.microsoft\.com/dotnet/aspnet:\S+$", text);
            Assert.Matches(@"(?m)^USER \$APP_UID$", text);
            var project = PublishedProject().Match(text).Groups[1].Value;
            Assert.True(File.Exists(Path.Combine(RepoRoot, project)), $"{path} publishes {project}, which does not exist");
            Assert.Contains($"\"{Path.GetFileNameWithoutExtension(project)}.dll\"", text, StringComparison.Ordinal);
            Assert.Equal(container.Host == "transcode-silo", text.Contains("ffmpeg", StringComparison.Ordinal));
            var port = HttpPort(container);
            Assert.Equal(port, container.Port("http"));
        }
    }

    [Fact]
    public void ApiImage_BuildsTheWebAppInANodeStage_AndPublishesItIntoWwwroot()
    {
        var text = File.ReadAllText(Path.Combine(RepoRoot, "docker", "api.Dockerfile"));
        var web = WebStage().Match(text);
        Assert.True(web.Success, "api.Dockerfile has no Node stage (FROM node:... AS web) building web/");
        var stage = web.Groups["body"].Value;
        Assert.Contains("npm ci", stage, StringComparison.Ordinal);
        Assert.Contains("npm run build", stage, StringComparison.Ordinal);

        // The Api's publish copies web/dist to wwwroot (src/Api/WebApp.targets); the SDK image has no Node to build it.
        var copy = text.IndexOf("COPY --from=web /repo/web/dist web/dist/", StringComparison.Ordinal);
        var publish = PublishedProject().Match(text);
        Assert.InRange(copy, 0, publish.Index);
        Assert.Contains("-p:SkipWebApp=true", text[publish.Index..], StringComparison.Ordinal);
        var targets = File.ReadAllText(Path.Combine(RepoRoot, "src", "Api", "WebApp.targets"));
        Assert.Contains("AfterTargets=\"ComputeResolvedFilesToPublishList\"", targets, StringComparison.Ordinal);
        Assert.Contains("<ResolvedFileToPublish Include=\"@(WebAppPublished)\" RelativePath=\"wwwroot\\", targets, StringComparison.Ordinal);
        Assert.DoesNotContain("web", File.ReadAllLines(Path.Combine(RepoRoot, ".dockerignore")));
    }

    [GeneratedRegex(@"dotnet publish (\S+\.csproj)")]
    private static partial Regex PublishedProject();

    [GeneratedRegex(@"(?ms)^FROM node:\S+ AS web$(?<body>.*?)^FROM ")]
    private static partial Regex WebStage();
}
