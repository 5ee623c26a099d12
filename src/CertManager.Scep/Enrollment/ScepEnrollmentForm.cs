using CertManager.Core.Csr;
using CertManager.Scep.Transport;

namespace CertManager.Scep.Enrollment;

/// <summary>
/// What the administrator enters for a SCEP enrollment, as typed. The enrollment password is deliberately not part
/// of the form: it is passed separately, used once inside the encrypted request and never stored or logged.
/// </summary>
public sealed record ScepEnrollmentForm
{
    /// <summary>Host name or IP address of the SCEP server, with optional port and scheme (http unless https is given).</summary>
    public string? CaAddress { get; init; }

    /// <summary>Where the SCEP service answers; Windows NDES by default.</summary>
    public string? UriPath { get; init; } = ScepEndpoint.NdesPath;

    /// <summary>Common name; the console fills in this host's fully qualified name.</summary>
    public string? CommonName { get; init; }

    public IReadOnlyList<string> AlternateNames { get; init; } = [];

    public int KeySize { get; init; } = CsrForm.DefaultKeySize;

    /// <summary>Optional SHA-256 fingerprint the CA certificate must have; a mismatch stops the enrollment before anything is sent.</summary>
    public string? ExpectedCaFingerprint { get; init; }
}
