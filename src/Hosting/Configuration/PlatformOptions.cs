using VideoPlatform.Grains.Search;
using VideoPlatform.Infrastructure.Search.Meilisearch;

namespace VideoPlatform.Hosting.Configuration;

/// <summary>Every switch of the platform, bound from the <c>VideoPlatform</c> section (env: <c>VideoPlatform__X__Y</c>).</summary>
public sealed class PlatformOptions
{
    public const string Section = "VideoPlatform";

    public ClusteringSettings Clustering { get; set; } = new();
    public ProviderSwitch<PersistenceProvider> Persistence { get; set; } = new();
    public ProviderSwitch<RemindersProvider> Reminders { get; set; } = new();
    public StreamsSettings Streams { get; set; } = new();
    public PostgresSettings Postgres { get; set; } = new();
    public StorageSettings Storage { get; set; } = new();
    public TelemetrySettings Telemetry { get; set; } = new();
    public SearchSettings Search { get; set; } = new();
}

public enum ClusteringProvider { Localhost, AdoNet }
public enum PersistenceProvider { Memory, AdoNet }
public enum RemindersProvider { Memory, AdoNet }
public enum StreamsProvider { Memory, AdoNet }
public enum StorageProvider { FileSystem, S3 }
public enum SearchProvider { Postgres, Meilisearch, InMemory }

public class ProviderSwitch<T> where T : struct, Enum
{
    public T Provider { get; set; }
}

public sealed class ClusteringSettings : ProviderSwitch<ClusteringProvider>
{
    public string ClusterId { get; set; } = "videoplatform";
    public string ServiceId { get; set; } = "videoplatform";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
    /// <summary>Localhost clustering: the silo port of the primary silo every other silo joins.</summary>
    public int PrimarySiloPort { get; set; } = 11111;
    /// <summary>Localhost clustering: gateway ports the Api client may use.</summary>
    public int[] GatewayPorts { get; set; } = [30000, 30001];
    /// <summary>IP the silo advertises to the cluster, and the only one its silo and gateway ports listen on; empty = first non-loopback address.</summary>
    public string? AdvertisedIp { get; set; }

    public ClusterTlsSettings Tls { get; set; } = new();
}

/// <summary>Mutual TLS on every silo-to-silo and client-to-gateway connection.</summary>
public sealed class ClusterTlsSettings
{
    public bool Enabled { get; set; }

    /// <summary>A PKCS#12 file (with <see cref="Password"/>), or a PEM certificate whose key is in <see cref="KeyPath"/> (a <c>kubernetes.io/tls</c> Secret).</summary>
    public string? CertificatePath { get; set; }

    public string? KeyPath { get; set; }

    public string? Password { get; set; }

    /// <summary>PEM CA certificate(s) a peer's certificate must chain to; empty = peers must present this host's own certificate.</summary>
    public string? CaPath { get; set; }

    /// <summary>The name a connecting side asks for (SNI); empty = the certificate's DNS name.</summary>
    public string? TargetHost { get; set; }
}

public sealed class StreamsSettings : ProviderSwitch<StreamsProvider>
{
    public int Queues { get; set; } = 4;

    /// <summary>
    /// How often each silo's pulling agents read their queues. Orleans' 100 ms default means 10 reads a second per
    /// queue even when idle, which an idle cluster pays for in CPU that an encode on the same node then lacks;
    /// events are fan-out notifications, so half a second of extra delay is not felt.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}

public sealed class PostgresSettings
{
    public string? ConnectionString { get; set; }
}

public sealed class StorageSettings : ProviderSwitch<StorageProvider>
{
    public FileSystemStoreSettings FileSystem { get; set; } = new();
    public S3StoreSettings S3 { get; set; } = new();
}

public sealed class FileSystemStoreSettings
{
    public string Root { get; set; } = ".data/objects";
}

public sealed class S3StoreSettings
{
    public string? ServiceUrl { get; set; }
    public string? Bucket { get; set; }
    public string Region { get; set; } = "us-east-1";
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }
    public bool ForcePathStyle { get; set; } = true;
}

public sealed class TelemetrySettings
{
    public string? OtlpEndpoint { get; set; }

    /// <summary>Hosts serve their metrics at /metrics (Prometheus text): silos on their HTTP port, the Api only on <see cref="MetricsPort"/>.</summary>
    public bool Prometheus { get; set; } = true;

    /// <summary>
    /// A second HTTP port that serves /metrics and the only one that does. Unset, the silos serve it on their HTTP
    /// port and the Api not at all: the Api's port is public.
    /// </summary>
    public int? MetricsPort { get; set; }

    /// <summary>One JSON object per log line, with the trace and span ids of the request or grain call that wrote it.</summary>
    public bool JsonLogs { get; set; }
}

/// <summary>Postgres (the default; in memory when no PostgreSQL is configured), Meilisearch, or InMemory.</summary>
public sealed class SearchSettings : ProviderSwitch<SearchProvider>
{
    public MeilisearchSettings Meilisearch { get; set; } = new();
    public InMemorySearchSettings InMemory { get; set; } = new();
}
