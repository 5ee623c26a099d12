using CertManager.Core.Results;

namespace CertManager.Core.Import;

/// <summary>Everything read from the inputs: certificates, keys, and a problem for each input or block that could not be read.</summary>
public sealed class ImportedMaterial : IDisposable
{
    internal ImportedMaterial(IReadOnlyList<ImportedCertificate> certificates, IReadOnlyList<ImportedKey> keys, IReadOnlyList<Problem> problems)
    {
        Certificates = certificates;
        Keys = keys;
        Problems = problems;
    }

    public IReadOnlyList<ImportedCertificate> Certificates { get; }

    public IReadOnlyList<ImportedKey> Keys { get; }

    public IReadOnlyList<Problem> Problems { get; }

    public void Dispose()
    {
        foreach (var certificate in Certificates)
        {
            certificate.Certificate.Dispose();
        }

        foreach (var key in Keys)
        {
            key.Key?.Dispose();
        }
    }
}
