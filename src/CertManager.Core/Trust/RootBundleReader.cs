using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Certificates;
using CertManager.Core.Import;
using CertManager.Core.Results;

namespace CertManager.Core.Trust;

/// <summary>
/// Reads the roots to trust from one uploaded file (PEM bundle, DER or PKCS#7) within the trust-store limits, so that a
/// whole enterprise or Mozilla bundle of hundreds of roots is read, and keeps only the self-signed roots.
/// </summary>
public sealed class RootBundleReader(CertificateImporter importer)
{
    public Result<RootBundle> Read(ImportInput input)
    {
        using var material = importer.ImportTrustBundle([input]);
        var errors = material.Problems.Where(p => p.Severity == Severity.Error).ToList();
        if (errors.Count > 0)
        {
            return Result<RootBundle>.Failure(errors);
        }

        var roots = material.Certificates.Select(c => c.Certificate)
            .Where(c => c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData))
            .DistinctBy(c => c.Thumbprint)
            .ToList();
        if (roots.Count == 0)
        {
            return TrustErrors.NotARoot(material.Certificates.Count > 0 ? material.Certificates[0].Certificate.SubjectText() : input.Name);
        }

        // Copies: the imported material and its certificates are disposed when this returns.
        return Result<RootBundle>.Success(new RootBundle([.. roots.Select(r => new X509Certificate2(r))], material.Certificates.Count - roots.Count));
    }
}
