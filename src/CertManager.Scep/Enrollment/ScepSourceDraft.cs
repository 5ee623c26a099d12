using System.Security.Cryptography.X509Certificates;

namespace CertManager.Scep.Enrollment;

/// <summary>The SCEP CA an issued certificate came from (URL and the confirmed CA/RA certificates, DER concatenated) and what was asked for.</summary>
internal sealed record ScepSourceDraft(Uri EndpointUrl, byte[] CaCertificates, IReadOnlyList<string> Names, int KeySize)
{
    /// <summary>For a certificate issued after approval, where the request is no longer at hand: the names it certifies, common name first.</summary>
    public static ScepSourceDraft FromIssued(Uri endpointUrl, IEnumerable<byte[]> caCertificates, X509Certificate2 issued, int keySize)
    {
        var commonName = issued.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        var alternates = issued.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateDnsNames());
        var names = new[] { commonName }.Concat(alternates).Where(n => !string.IsNullOrEmpty(n)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return new ScepSourceDraft(endpointUrl, [.. caCertificates.SelectMany(c => c)], names, keySize);
    }
}
