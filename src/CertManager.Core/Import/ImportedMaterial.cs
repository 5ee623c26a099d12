using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using CertManager.Core.Certificates;
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

    /// <summary>
    /// Material that arrived by enrollment rather than upload (SCEP): the issued certificate, the CA chain the CA sent
    /// and the key made for the request, so that it goes through the same chain doctor and installer as an upload.
    /// Copies are taken; the caller keeps ownership of what it passes in.
    /// </summary>
    public static ImportedMaterial FromEnrollment(X509Certificate2 issued, IEnumerable<X509Certificate2> caCertificates, AsymmetricAlgorithm key, EnrollmentSource enrollment)
    {
        ArgumentNullException.ThrowIfNull(issued);
        ArgumentNullException.ThrowIfNull(caCertificates);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(enrollment);
        var source = enrollment.Description;
        var certificates = new List<ImportedCertificate> { new(X509CertificateLoader.LoadCertificate(issued.RawData), source, ImportSlot.Certificate) { Enrollment = enrollment } };
        certificates.AddRange(caCertificates.Select(c => new ImportedCertificate(X509CertificateLoader.LoadCertificate(c.RawData), $"{source}, CA certificate", ImportSlot.Intermediates) { Enrollment = enrollment }));
        var copy = PrivateKeys.Copy(key);
        return new ImportedMaterial(certificates, [new ImportedKey(copy, PrivateKeys.AlgorithmName(copy), copy.KeySize, $"{source}, key made for the request")], []);
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
