using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;
using VideoPlatform.Hosting.Configuration;

namespace VideoPlatform.Hosting.Cluster;

/// <summary>
/// <c>Clustering:Tls</c>: mutual TLS between silos and from the Api to the gateways, one certificate per host. Every
/// side sends its certificate and requires the peer's; a peer is trusted when its certificate chains to the configured
/// CA, or, without a CA, when it is this host's own certificate (one certificate shared by the whole cluster).
/// </summary>
public static class ClusterTls
{
    public static ISiloBuilder UsePlatformTls(this ISiloBuilder silo, ClusterTlsSettings settings)
    {
        var (certificate, configure) = Prepare(settings);
        return silo.UseTls(certificate, configure);
    }

    public static IClientBuilder UsePlatformTls(this IClientBuilder client, ClusterTlsSettings settings)
    {
        var (certificate, configure) = Prepare(settings);
        return client.UseTls(certificate, configure);
    }

    /// <summary>Why the settings cannot work (missing file, wrong password, no private key), or null.</summary>
    public static string? Problem(ClusterTlsSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.CertificatePath))
        {
            return "CertificatePath is required when Enabled";
        }

        try
        {
            using var certificate = Load(settings);
            if (!certificate.HasPrivateKey)
            {
                return $"the certificate in '{settings.CertificatePath}' has no private key";
            }

            _ = LoadAuthorities(settings.CaPath);
            return null;
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return $"cannot load the certificate: {ex.Message}";
        }
    }

    private static (X509Certificate2 Certificate, Action<TlsOptions> Configure) Prepare(ClusterTlsSettings settings)
    {
        var certificate = Load(settings);
        var authorities = LoadAuthorities(settings.CaPath);
        var targetHost = string.IsNullOrWhiteSpace(settings.TargetHost)
            ? certificate.GetNameInfo(X509NameType.DnsName, forIssuer: false)
            : settings.TargetHost;
        return (certificate, o =>
        {
            o.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            o.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            o.OnAuthenticateAsClient = (_, client) => client.TargetHost = targetHost;
            // Orleans ignores the platform's verdict once a validator is set: this one alone decides.
            o.RemoteCertificateValidation = (peer, _, _) => Trusted(peer, certificate, authorities);
        });
    }

    private static bool Trusted(X509Certificate2 peer, X509Certificate2 own, X509Certificate2Collection? authorities)
    {
        if (authorities is null)
        {
            return peer.RawDataMemory.Span.SequenceEqual(own.RawDataMemory.Span);
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(peer);
    }

    /// <summary>PKCS#12, or PEM certificate + key; a PEM key is ephemeral, so it is re-imported through PKCS#12 for SslStream.</summary>
    private static X509Certificate2 Load(ClusterTlsSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.KeyPath))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(settings.CertificatePath!, settings.Password);
        }

        using var pem = X509Certificate2.CreateFromPemFile(settings.CertificatePath!, settings.KeyPath);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    private static X509Certificate2Collection? LoadAuthorities(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(path);
        return authorities;
    }
}
