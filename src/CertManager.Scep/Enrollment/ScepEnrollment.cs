using CertManager.Core.Chain;
using CertManager.Core.Enrollment;
using CertManager.Core.Import;
using CertManager.Core.Install;

namespace CertManager.Scep.Enrollment;

/// <summary>
/// The outcome of an enrollment the CA did not refuse: an issued certificate with the chain doctor's examination of
/// it, ready for the same install as an upload (the examination holds a copy of the new private key until disposed); or, when the CA answered
/// PENDING, the transaction kept for polling (<see cref="Pending"/>).
/// </summary>
public sealed class ScepEnrollment : IDisposable
{
    private readonly ImportedMaterial? _material;

    internal ScepEnrollment(ScepReply reply, ImportedMaterial material, Examination examination, ScepSourceDraft source)
    {
        Reply = reply;
        _material = material;
        Examination = examination;
        Source = source;
    }

    /// <summary>The issued certificate's material (with the key made for the request); null when pending.</summary>
    internal ImportedMaterial? Material => _material;

    /// <summary>What is kept about the CA once this certificate is installed, so that it can be renewed.</summary>
    internal ScepSourceDraft? Source { get; }

    internal ScepEnrollment(ScepReply reply, ScepTransactionSummary pending)
    {
        Reply = reply;
        Pending = pending;
    }

    public ScepReply Reply { get; }

    /// <summary>The issued certificate's examination; null when the enrollment is pending.</summary>
    public Examination? Examination { get; private set; }

    public ChainReport? Report => Examination?.Report;

    /// <summary>The kept transaction, waiting for approval by the CA administrator; null when the certificate was issued.</summary>
    public ScepTransactionSummary? Pending { get; }

    /// <summary>
    /// Examines the issued certificate again (e.g. after its root was added to the trust store); the previous
    /// examination is disposed. Nothing happens for a pending enrollment.
    /// </summary>
    internal async Task RecheckAsync(CertificateHandoff handoff, CancellationToken cancellationToken)
    {
        if (_material is null || Examination is null)
        {
            return;
        }

        var fresh = await handoff.ExamineAsync(_material, cancellationToken);
        Examination.Dispose();
        Examination = fresh;
    }

    /// <summary>The self-signed CA certificate with this SHA-256 fingerprint among those the CA sent, to trust it.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? FindRoot(string sha256Fingerprint) =>
        _material?.Certificates.Select(c => c.Certificate).FirstOrDefault(c =>
            CertificateSummary.Of(c, string.Empty) is { IsSelfIssued: true } summary && summary.Sha256Fingerprint == sha256Fingerprint);

    public void Dispose()
    {
        Examination?.Dispose();
        _material?.Dispose();
    }
}
