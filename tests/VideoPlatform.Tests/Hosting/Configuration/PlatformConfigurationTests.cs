using Microsoft.Extensions.Configuration;
using VideoPlatform.Hosting.Configuration;

namespace VideoPlatform.Tests.Hosting.Configuration;

[Trait("Category", "Unit")]
public sealed class PlatformConfigurationTests
{
    [Theory]
    [InlineData("Clustering:Provider", "Consul", "VideoPlatform:Clustering:Provider = 'Consul' is not valid; allowed: Localhost | AdoNet")]
    [InlineData("Persistence:Provider", "Redis", "VideoPlatform:Persistence:Provider = 'Redis' is not valid; allowed: Memory | AdoNet")]
    [InlineData("Reminders:Provider", "Azure", "VideoPlatform:Reminders:Provider = 'Azure' is not valid; allowed: Memory | AdoNet")]
    [InlineData("Streams:Provider", "Kafka", "VideoPlatform:Streams:Provider = 'Kafka' is not valid; allowed: Memory | AdoNet")]
    [InlineData("Storage:Provider", "Ftp", "VideoPlatform:Storage:Provider = 'Ftp' is not valid; allowed: FileSystem | S3")]
    public void Validate_UnknownSwitchValue_NamesKeyAndAllowedValues(string key, string value, string expected)
    {
        var errors = PlatformConfiguration.Validate(Config((key, value)));

        Assert.Equal([expected], errors);
    }

    [Fact]
    public void Validate_Defaults_AreValid()
    {
        Assert.Empty(PlatformConfiguration.Validate(Config()));
    }

    [Fact]
    public void Validate_SwitchValues_AreCaseInsensitive()
    {
        var errors = PlatformConfiguration.Validate(Config(("Storage:Provider", "s3"), ("Storage:S3:Bucket", "b")));

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("Clustering:Provider")]
    [InlineData("Persistence:Provider")]
    [InlineData("Reminders:Provider")]
    [InlineData("Streams:Provider")]
    public void Validate_AdoNetWithoutConnectionString_IsRejected(string key)
    {
        var errors = PlatformConfiguration.Validate(Config((key, "AdoNet")));

        Assert.Equal(["VideoPlatform:Postgres:ConnectionString is required when any provider is AdoNet"], errors);
    }

    [Fact]
    public void Validate_S3WithoutBucket_IsRejected()
    {
        var errors = PlatformConfiguration.Validate(Config(("Storage:Provider", "S3")));

        Assert.Equal(["VideoPlatform:Storage:S3:Bucket is required when VideoPlatform:Storage:Provider = S3"], errors);
    }

    [Fact]
    public void Validate_S3WithRelativeEndpointAndHalfCredentials_ReportsBoth()
    {
        var errors = PlatformConfiguration.Validate(Config(
            ("Storage:Provider", "S3"), ("Storage:S3:Bucket", "b"), ("Storage:S3:ServiceUrl", "minio:9000"), ("Storage:S3:AccessKey", "k")));

        Assert.Equal(
            [
                "VideoPlatform:Storage:S3:ServiceUrl = 'minio:9000' is not an absolute http(s) URL",
                "VideoPlatform:Storage:S3:AccessKey and VideoPlatform:Storage:S3:SecretKey must be set together",
            ],
            errors);
    }

    [Theory]
    [InlineData("Clustering:SiloPort", "70000", "VideoPlatform:Clustering:SiloPort = 70000 is not valid; allowed: 1..65535")]
    [InlineData("Clustering:AdvertisedIp", "not-an-ip", "VideoPlatform:Clustering:AdvertisedIp = 'not-an-ip' is not an IP address")]
    [InlineData("Streams:Queues", "0", "VideoPlatform:Streams:Queues = 0 is not valid; allowed: 1..64")]
    [InlineData("Streams:PollInterval", "00:00:00.001", "VideoPlatform:Streams:PollInterval = 00:00:00.0010000 is not valid; allowed: 00:00:00.010..00:00:10")]
    [InlineData("Telemetry:OtlpEndpoint", "collector", "VideoPlatform:Telemetry:OtlpEndpoint = 'collector' is not an absolute http(s) URL")]
    [InlineData("Telemetry:MetricsPort", "0", "VideoPlatform:Telemetry:MetricsPort = 0 is not valid; allowed: 1..65535, or unset")]
    public void Validate_BadValue_NamesKey(string key, string value, string expected)
    {
        Assert.Equal([expected], PlatformConfiguration.Validate(Config((key, value))));
    }

    [Fact]
    public void Validate_NonNumericPort_NamesSection()
    {
        var error = Assert.Single(PlatformConfiguration.Validate(Config(("Clustering:SiloPort", "abc"))));

        Assert.StartsWith("VideoPlatform:", error, StringComparison.Ordinal);
        Assert.Contains("SiloPort", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_EnvironmentStyleKeys_Override()
    {
        var options = PlatformConfiguration.Bind(Config(("Storage:Provider", "S3"), ("Storage:S3:Bucket", "media")));

        Assert.Equal(StorageProvider.S3, options.Storage.Provider);
        Assert.Equal("media", options.Storage.S3.Bucket);
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create<string, string?>($"VideoPlatform:{v.Key}", v.Value)))
            .Build();
}
