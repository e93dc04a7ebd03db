using Microsoft.Extensions.Options;
using VideoPlatform.Api.Auth;
using VideoPlatform.Tests.Fixtures;

namespace VideoPlatform.Tests.Api.Auth;

/// <summary>Where the signing key comes from: configuration, or a development key file only its owner can read.</summary>
[Trait("Category", "Unit")]
public sealed class SigningKeyTests
{
    public const string ProductionKey = "production-signing-key-from-a-secret-0123456789";

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void DevKeyFile_CreatedOwnerOnly_AndTheSameKeyOnTheNextStart()
    {
        using var folder = new TempFolder("vp-devkey");
        var path = Path.Combine(folder.Path, "data", "dev-signing.key");
        var settings = Options.Create(new AuthSettings { DevKeyFile = path });

        var first = new SigningKeys(settings).Current.Key;
        var second = new SigningKeys(settings).Current.Key;

        Assert.Equal(AuthSettings.MinKeyBytes, first.Length);
        Assert.Equal(first, second);
        Assert.Equal(first, File.ReadAllBytes(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void DevKeyFile_LeftReadableByOthers_IsMadeOwnerOnlyAgain()
    {
        using var folder = new TempFolder("vp-devkey");
        var path = Path.Combine(folder.Path, "dev-signing.key");
        File.WriteAllBytes(path, new byte[AuthSettings.MinKeyBytes]);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        _ = new SigningKeys(Options.Create(new AuthSettings { DevKeyFile = path })).Current;

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void ConfiguredKey_WinsOverTheDevKeyFile()
    {
        using var folder = new TempFolder("vp-devkey");
        var path = Path.Combine(folder.Path, "dev-signing.key");

        var key = new SigningKeys(Options.Create(new AuthSettings { SigningKey = ProductionKey, DevKeyFile = path })).Current.Key;

        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(ProductionKey), key);
        Assert.False(File.Exists(path));
    }

    [Theory]
    [InlineData(null, null, "VideoPlatform:Auth:SigningKey is required")]
    [InlineData("too-short", null, "VideoPlatform:Auth:SigningKey must be at least 32 bytes")]
    public void Settings_WithoutAUsableKey_NameTheKey(string? signingKey, string? devKeyFile, string problem)
    {
        var problems = new AuthSettings { SigningKey = signingKey, DevKeyFile = devKeyFile }.Problems().ToList();

        Assert.Contains(problems, p => p.StartsWith(problem, StringComparison.Ordinal));
    }
}

/// <summary>The Api in production will not start without a configured signing key.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SigningKeyStartupTests(PlatformClusterFixture cluster)
{
    [Fact]
    public void Production_WithoutSigningKey_RefusesToStart()
    {
        using var production = new ApiFactory(cluster, new Dictionary<string, string?> { ["environment"] = "Production" });

        var failure = Record.Exception(() => production.CreateClient());

        Assert.NotNull(failure);
        Assert.Contains("VideoPlatform:Auth:SigningKey is required", failure.ToString(), StringComparison.Ordinal);
    }
}
