using Microsoft.Extensions.Configuration;
using VideoPlatform.Hosting.Configuration;
using VideoPlatform.Hosting.Search;

namespace VideoPlatform.Tests.Hosting.Configuration;

[Trait("Category", "Unit")]
public sealed class SearchConfigurationTests
{
    private static IConfiguration Config(params (string Key, string Value)[] pairs) => new ConfigurationBuilder()
        .AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>($"VideoPlatform:{p.Key}", p.Value)))
        .Build();

    [Fact]
    public void Validate_UnknownProvider_NamesKeyAndAllowedValues()
    {
        Assert.Equal(["VideoPlatform:Search:Provider = 'Elastic' is not valid; allowed: Postgres | Meilisearch | InMemory"],
            PlatformConfiguration.Validate(Config(("Search:Provider", "Elastic"))));
    }

    [Fact]
    public void Validate_MeilisearchWithoutUrl_IsRejected()
    {
        Assert.Equal(["VideoPlatform:Search:Meilisearch:Url is required when VideoPlatform:Search:Provider = Meilisearch"],
            PlatformConfiguration.Validate(Config(("Search:Provider", "Meilisearch"))));
        Assert.Equal(["VideoPlatform:Search:Meilisearch:Url = 'meili:7700' is not an absolute http(s) URL"],
            PlatformConfiguration.Validate(Config(("Search:Provider", "Meilisearch"), ("Search:Meilisearch:Url", "meili:7700"))));
    }

    [Fact]
    public void Validate_Meilisearch_WithUrlAndKey_IsValid()
    {
        Assert.Empty(PlatformConfiguration.Validate(Config(
            ("Search:Provider", "meilisearch"), ("Search:Meilisearch:Url", "http://meili:7700"), ("Search:Meilisearch:ApiKey", "k"))));
    }

    [Fact]
    public void EffectiveProvider_PostgresWithoutConnectionString_IsInMemory()
    {
        Assert.Equal(SearchProvider.InMemory, SearchRegistration.EffectiveProvider(new PlatformOptions()));
        Assert.Equal(SearchProvider.Postgres, SearchRegistration.EffectiveProvider(new PlatformOptions
        {
            Postgres = new PostgresSettings { ConnectionString = "Host=x" },
        }));
    }
}
