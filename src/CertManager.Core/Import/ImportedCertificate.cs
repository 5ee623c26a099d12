using System.Security.Cryptography.X509Certificates;

namespace CertManager.Core.Import;

/// <summary>A certificate read from an input, with where it came from for messages ("chain.pem, block 2").</summary>
public sealed record ImportedCertificate(X509Certificate2 Certificate, string Source, ImportSlot Slot)
{
    /// <summary>The certificate source that obtained it; null for an upload.</summary>
    public EnrollmentSource? Enrollment { get; init; }
}
