using CertManager.Core.Chain;
using CertManager.Core.Import;

namespace CertManager.Scep.Enrollment;

/// <summary>
/// An issued certificate with the chain doctor's examination of it, ready for the same install as an upload.
/// Holds the new private key (inside the examination) until disposed.
/// </summary>
public sealed class ScepEnrollment : IDisposable
{
    private readonly ImportedMaterial _material;

    internal ScepEnrollment(ScepReply reply, ImportedMaterial material, Examination examination)
    {
        Reply = reply;
        _material = material;
        Examination = examination;
    }

    public ScepReply Reply { get; }

    public Examination Examination { get; }

    public ChainReport Report => Examination.Report;

    public void Dispose()
    {
        Examination.Dispose();
        _material.Dispose();
    }
}
