using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace CertManager.Acme.Transport;

/// <summary>
/// The HTTP handler for ACME servers: the system's trust, plus the certificates of
/// <see cref="AcmeOptions.TrustedCertificatesFile"/> as additional roots when configured. Redirects are not followed:
/// ACME resources answer directly (RFC 8555 §7).
/// </summary>
internal static class AcmeTlsTrust
{
    public static HttpMessageHandler CreateHandler(AcmeOptions options)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false };
        if (options.TrustedCertificatesFile is not { Length: > 0 } file)
        {
            return handler;
        }

        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(file);
        handler.SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (errors == SslPolicyErrors.None)
                {
                    return true;
                }

                if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(roots);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
            },
        };
        return handler;
    }
}
