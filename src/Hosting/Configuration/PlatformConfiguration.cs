using Microsoft.Extensions.Configuration;

namespace VideoPlatform.Hosting.Configuration;

/// <summary>Validates the raw configuration (so messages name the exact key) and binds it.</summary>
public static class PlatformConfiguration
{
    private static readonly (string Key, Type Enum)[] Switches =
    [
        ("Clustering:Provider", typeof(ClusteringProvider)),
        ("Persistence:Provider", typeof(PersistenceProvider)),
        ("Reminders:Provider", typeof(RemindersProvider)),
        ("Streams:Provider", typeof(StreamsProvider)),
        ("Storage:Provider", typeof(StorageProvider)),
        ("Search:Provider", typeof(SearchProvider)),
    ];

    /// <summary>Every problem with the configuration, one line each; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(IConfiguration configuration)
    {
        var section = configuration.GetSection(PlatformOptions.Section);
        var errors = new List<string>();
        foreach (var (key, enumType) in Switches)
        {
            var raw = section[key];
            if (raw is not null && !Enum.GetNames(enumType).Contains(raw.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"{Full(key)} = '{raw}' is not valid; allowed: {string.Join(" | ", Enum.GetNames(enumType))}");
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        PlatformOptions options;
        try
        {
            options = Bind(configuration);
        }
        catch (InvalidOperationException ex)
        {
            return [$"{PlatformOptions.Section}: {ex.Message}"];
        }

        errors.AddRange(ValidateBound(options));
        errors.AddRange(WebhookConfiguration.Validate(configuration));
        errors.AddRange(LiveConfiguration.Validate(configuration));
        return errors;
    }

    public static PlatformOptions Bind(IConfiguration configuration) =>
        configuration.GetSection(PlatformOptions.Section).Get<PlatformOptions>() ?? new PlatformOptions();

    /// <summary>Validates and binds; on a bad value prints one line to stderr and exits with code 2.</summary>
    public static PlatformOptions LoadOrExit(IConfiguration configuration)
    {
        var errors = Validate(configuration);
        if (errors.Count > 0)
        {
            Console.Error.WriteLine($"Invalid configuration: {errors[0]}");
            Environment.Exit(2);
        }

        return Bind(configuration);
    }

    private static IEnumerable<string> ValidateBound(PlatformOptions o)
    {
        var usesPostgres = o.Clustering.Provider == ClusteringProvider.AdoNet
            || o.Persistence.Provider == PersistenceProvider.AdoNet
            || o.Reminders.Provider == RemindersProvider.AdoNet
            || o.Streams.Provider == StreamsProvider.AdoNet;
        if (usesPostgres && string.IsNullOrWhiteSpace(o.Postgres.ConnectionString))
        {
            yield return $"{Full("Postgres:ConnectionString")} is required when any provider is AdoNet";
        }

        foreach (var (key, port) in new[]
                 {
                     ("Clustering:SiloPort", o.Clustering.SiloPort),
                     ("Clustering:GatewayPort", o.Clustering.GatewayPort),
                     ("Clustering:PrimarySiloPort", o.Clustering.PrimarySiloPort),
                 })
        {
            if (port is < 1 or > 65535)
            {
                yield return $"{Full(key)} = {port} is not valid; allowed: 1..65535";
            }
        }

        if (string.IsNullOrWhiteSpace(o.Clustering.ClusterId) || string.IsNullOrWhiteSpace(o.Clustering.ServiceId))
        {
            yield return $"{Full("Clustering:ClusterId")} and {Full("Clustering:ServiceId")} must not be empty";
        }

        if (!string.IsNullOrWhiteSpace(o.Clustering.AdvertisedIp) && !System.Net.IPAddress.TryParse(o.Clustering.AdvertisedIp, out _))
        {
            yield return $"{Full("Clustering:AdvertisedIp")} = '{o.Clustering.AdvertisedIp}' is not an IP address";
        }

        if (o.Clustering.Tls.Enabled && Cluster.ClusterTls.Problem(o.Clustering.Tls) is { } tls)
        {
            yield return $"{Full("Clustering:Tls")}: {tls}";
        }

        if (o.Streams.Queues is < 1 or > 64)
        {
            yield return $"{Full("Streams:Queues")} = {o.Streams.Queues} is not valid; allowed: 1..64";
        }

        if (o.Streams.PollInterval < TimeSpan.FromMilliseconds(10) || o.Streams.PollInterval > TimeSpan.FromSeconds(10))
        {
            yield return $"{Full("Streams:PollInterval")} = {o.Streams.PollInterval} is not valid; allowed: 00:00:00.010..00:00:10";
        }

        if (o.Storage.Provider == StorageProvider.FileSystem && string.IsNullOrWhiteSpace(o.Storage.FileSystem.Root))
        {
            yield return $"{Full("Storage:FileSystem:Root")} is required when {Full("Storage:Provider")} = FileSystem";
        }

        if (o.Storage.Provider == StorageProvider.S3)
        {
            if (string.IsNullOrWhiteSpace(o.Storage.S3.Bucket))
            {
                yield return $"{Full("Storage:S3:Bucket")} is required when {Full("Storage:Provider")} = S3";
            }

            if (!string.IsNullOrWhiteSpace(o.Storage.S3.ServiceUrl) && !IsHttpUrl(o.Storage.S3.ServiceUrl))
            {
                yield return $"{Full("Storage:S3:ServiceUrl")} = '{o.Storage.S3.ServiceUrl}' is not an absolute http(s) URL";
            }

            if (string.IsNullOrWhiteSpace(o.Storage.S3.AccessKey) != string.IsNullOrWhiteSpace(o.Storage.S3.SecretKey))
            {
                yield return $"{Full("Storage:S3:AccessKey")} and {Full("Storage:S3:SecretKey")} must be set together";
            }
        }

        foreach (var problem in SearchProblems(o.Search))
        {
            yield return problem;
        }

        if (o.Telemetry.MetricsPort is < 1 or > 65535)
        {
            yield return $"{Full("Telemetry:MetricsPort")} = {o.Telemetry.MetricsPort} is not valid; allowed: 1..65535, or unset";
        }

        if (!string.IsNullOrWhiteSpace(o.Telemetry.OtlpEndpoint) && !IsHttpUrl(o.Telemetry.OtlpEndpoint))
        {
            yield return $"{Full("Telemetry:OtlpEndpoint")} = '{o.Telemetry.OtlpEndpoint}' is not an absolute http(s) URL";
        }
    }

    private static IEnumerable<string> SearchProblems(SearchSettings search)
    {
        if (search.Provider == SearchProvider.Meilisearch)
        {
            if (string.IsNullOrWhiteSpace(search.Meilisearch.Url))
            {
                yield return $"{Full("Search:Meilisearch:Url")} is required when {Full("Search:Provider")} = Meilisearch";
            }
            else if (!IsHttpUrl(search.Meilisearch.Url))
            {
                yield return $"{Full("Search:Meilisearch:Url")} = '{search.Meilisearch.Url}' is not an absolute http(s) URL";
            }

            if (string.IsNullOrWhiteSpace(search.Meilisearch.Index) || !search.Meilisearch.Index.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                yield return $"{Full("Search:Meilisearch:Index")} = '{search.Meilisearch.Index}' is not valid; allowed: letters, digits, - and _";
            }

            if (search.Meilisearch.BatchSize is < 1 or > 100_000 || search.Meilisearch.TaskTimeout <= TimeSpan.Zero)
            {
                yield return $"{Full("Search:Meilisearch:BatchSize")} must be 1..100000 and {Full("Search:Meilisearch:TaskTimeout")} positive";
            }
        }

        if (search.InMemory.MaxDocuments is < 1 or > 1_000_000)
        {
            yield return $"{Full("Search:InMemory:MaxDocuments")} = {search.InMemory.MaxDocuments} is not valid; allowed: 1..1000000";
        }
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static string Full(string key) => $"{PlatformOptions.Section}:{key}";
}
