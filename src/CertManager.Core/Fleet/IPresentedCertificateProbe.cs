namespace CertManager.Core.Fleet;

/// <summary>
/// Reads the certificate this console's own HTTPS port presents (fingerprint, subject, expiry), over a real TLS
/// handshake (the console host knows its port; certman does not poll). Null when it cannot be probed.
/// </summary>
public interface IPresentedCertificateProbe
{
    Task<PresentedCertificate?> ProbeAsync(CancellationToken cancellationToken);
}
