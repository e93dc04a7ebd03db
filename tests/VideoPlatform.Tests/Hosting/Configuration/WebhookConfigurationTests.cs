using Microsoft.Extensions.Configuration;
using VideoPlatform.Hosting.Configuration;

namespace VideoPlatform.Tests.Hosting.Configuration;

[Trait("Category", "Unit")]
public sealed class WebhookConfigurationTests
{
    private static IConfiguration Config(string key, string value) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [$"VideoPlatform:Webhooks:{key}"] = value }).Build();

    [Theory]
    [InlineData("Timeout", "00:05:00", "VideoPlatform:Webhooks:Timeout = 00:05:00 is not valid; allowed: 00:00:00.1..00:01:00")]
    [InlineData("RetryFor", "30.00:00:00", "VideoPlatform:Webhooks:RetryFor = 30.00:00:00 is not valid; allowed: 00:00:00..7.00:00:00")]
    [InlineData("MaxEndpointsPerUser", "0", "VideoPlatform:Webhooks:MaxEndpointsPerUser = 0 is not valid; allowed: 1..1000")]
    public void Validate_BadValue_NamesKey(string key, string value, string expected) =>
        Assert.Equal([expected], PlatformConfiguration.Validate(Config(key, value)));

    [Fact]
    public void Validate_UnparsableValue_NamesSection()
    {
        var error = Assert.Single(PlatformConfiguration.Validate(Config("AllowPrivateTargets", "maybe")));

        Assert.StartsWith("VideoPlatform:Webhooks:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Defaults_AreValid() =>
        Assert.Empty(PlatformConfiguration.Validate(new ConfigurationBuilder().Build()));
}
