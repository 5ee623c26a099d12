using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using CertManager.Core.Chain;
using CertManager.Core.Import;
using CertManager.Core.Results;

namespace CertManager.Core.Install;

/// <summary>
/// Where every certificate source that obtains a certificate by itself (SCEP, ACME) hands it over: the issued
/// certificate, the chain the CA sent and the key made for the request go through the same <see cref="ChainDoctor"/>
/// as an upload, and only then to the same atomic <see cref="CertificateInstaller"/>. No source installs by itself.
/// </summary>
public sealed class CertificateHandoff(ChainDoctor doctor, CertificateInstaller installer)
{
    /// <summary>
    /// Notes about what CertManager tidied in the bundle (the CA's root or unrelated certificates not sent): they say
    /// what was left out, not what is wrong, so they do not hold an unattended install.
    /// </summary>
    private static readonly HashSet<string> BundleNotes = ["bundle.root-dropped", "bundle.duplicate", "bundle.reordered", "bundle.unrelated"];

    /// <summary>The chain doctor's examination for install; the caller disposes it. Copies what it needs.</summary>
    public async Task<Examination> ExamineAsync(X509Certificate2 issued, IEnumerable<X509Certificate2> chain, AsymmetricAlgorithm key, EnrollmentSource source, CancellationToken cancellationToken = default)
    {
        using var material = ImportedMaterial.FromEnrollment(issued, chain, key, source);
        return await ExamineAsync(material, cancellationToken);
    }

    /// <summary>
    /// The chain doctor's examination of material the caller keeps (to examine it again, e.g. after a root was
    /// trusted); the caller disposes both.
    /// </summary>
    public Task<Examination> ExamineAsync(ImportedMaterial material, CancellationToken cancellationToken = default) =>
        doctor.ExamineForInstallAsync(material, cancellationToken);

    /// <summary>
    /// Why nobody-present install (a renewal, a CA approving later) must wait for an administrator: every error, and
    /// every warning except the bundle notes. Empty when the certificate can go in unattended.
    /// </summary>
    public static IReadOnlyList<Problem> ReasonsToHold(Examination examination)
    {
        ArgumentNullException.ThrowIfNull(examination);
        var reasons = examination.Report.Problems
            .Where(p => p.Severity == Severity.Error || (p.Severity == Severity.Warning && !BundleNotes.Contains(p.Code)))
            .ToList();
        if (!examination.CanInstall && reasons.Count == 0)
        {
            reasons.Add(InstallErrors.NotInstallable);
        }

        return reasons;
    }

    /// <summary>The same atomic switch-over as 'Upload and install': presented from the next TLS handshake.</summary>
    public Task<Result<InstalledCertificate>> InstallAsync(Examination examination, bool warningsConfirmed, string actor, CancellationToken cancellationToken = default) =>
        installer.InstallAsync(examination, warningsConfirmed, actor, cancellationToken);
}
