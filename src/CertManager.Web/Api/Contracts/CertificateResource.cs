using CertManager.Core.Certificates;
using CertManager.Core.Chain;
using CertManager.Core.Details;

namespace CertManager.Web.Api.Contracts;

/// <summary>The presented certificate: the tab's details, the chain sent in the handshake, and where it came from.</summary>
/// <param name="Version">The installed version presented, or <c>default</c> for the self-signed default.</param>
/// <param name="Source"><c>self-signed-default</c> or <c>installed</c>.</param>
/// <param name="Details">What the Web Server Certificate tab shows.</param>
/// <param name="Chain">The server certificate, then the intermediates sent with it in the handshake.</param>
public sealed record CertificateResource(string Version, string Source, CertificateDetails Details, IReadOnlyList<CertificateSummary> Chain)
{
    public static CertificateResource From(ServerCertificate presented, CertificateDetails details) => new(
        presented.Version,
        presented.Origin == CertificateOrigin.SelfSignedDefault ? "self-signed-default" : "installed",
        details,
        [CertificateSummary.Of(presented.Certificate, "server"), .. presented.Intermediates.Select(c => CertificateSummary.Of(c, "intermediate"))]);
}
