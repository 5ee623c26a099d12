using CertManager.Core.Chain;
using CertManager.Core.Enrollment;

namespace CertManager.Scep.Enrollment;

/// <summary>
/// The outcome of an enrollment the CA did not refuse: an issued certificate with the chain doctor's examination of
/// it, ready for the same install as an upload (the examination holds a copy of the new private key until disposed); or, when the CA answered
/// PENDING, the transaction kept for polling (<see cref="Pending"/>).
/// </summary>
public sealed class ScepEnrollment : IDisposable
{
    internal ScepEnrollment(ScepReply reply, Examination examination)
    {
        Reply = reply;
        Examination = examination;
    }

    internal ScepEnrollment(ScepReply reply, ScepTransactionSummary pending)
    {
        Reply = reply;
        Pending = pending;
    }

    public ScepReply Reply { get; }

    /// <summary>The issued certificate's examination; null when the enrollment is pending.</summary>
    public Examination? Examination { get; }

    public ChainReport? Report => Examination?.Report;

    /// <summary>The kept transaction, waiting for approval by the CA administrator; null when the certificate was issued.</summary>
    public ScepTransactionSummary? Pending { get; }

    public void Dispose() => Examination?.Dispose();
}
