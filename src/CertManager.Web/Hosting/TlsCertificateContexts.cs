using System.Net.Security;
using System.Runtime.CompilerServices;
using CertManager.Core.Certificates;

namespace CertManager.Web.Hosting;

/// <summary>
/// One <see cref="SslStreamCertificateContext"/> per presented certificate, built once (chain included, offline)
/// and reused for every handshake until the certificate changes.
/// </summary>
internal sealed class TlsCertificateContexts
{
    private readonly ConditionalWeakTable<ServerCertificate, SslStreamCertificateContext> _contexts = [];

    public SslStreamCertificateContext For(ServerCertificate certificate) =>
        _contexts.GetValue(certificate, static c => SslStreamCertificateContext.Create(c.Certificate, c.Intermediates, offline: true));
}
