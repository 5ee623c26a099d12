namespace CertManager.Core.Fleet;

/// <summary>
/// Reads the SHA-256 fingerprint of the certificate this console's own HTTPS port presents, over a real TLS handshake
/// (the console host knows its port; certman does not poll). Null when it cannot be probed.
/// </summary>
public interface IPresentedCertificateProbe
{
    Task<string?> ProbeAsync(CancellationToken cancellationToken);
}
