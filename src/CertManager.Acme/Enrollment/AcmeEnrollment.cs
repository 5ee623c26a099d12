using CertManager.Core.Chain;

namespace CertManager.Acme.Enrollment;

/// <summary>
/// A certificate the CA issued for an order, with the chain doctor's examination, ready for the same install as an
/// upload. Holds a copy of the new key until disposed.
/// </summary>
public sealed class AcmeEnrollment(long orderId, Uri orderUrl, Examination examination, int alternateChains) : IDisposable
{
    public long OrderId { get; } = orderId;

    public Uri OrderUrl { get; } = orderUrl;

    public Examination Examination { get; } = examination;

    public ChainReport Report => Examination.Report;

    public int AlternateChains { get; } = alternateChains;

    public void Dispose() => Examination.Dispose();
}
