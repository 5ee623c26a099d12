using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Details;

namespace CertManager.Core.Csr;

/// <summary>
/// A key pair and its CSR as <see cref="CsrFactory"/> made them, read back from the PEM. Owns the private key:
/// dispose it once the key is stored.
/// </summary>
internal sealed class NewCsr(
    AsymmetricAlgorithm key,
    string pem,
    X500DistinguishedName subjectName,
    string subject,
    IReadOnlyList<SubjectAlternativeName> alternateNames,
    int keySizeBits,
    string signatureAlgorithm,
    string publicKeySha256) : IDisposable
{
    /// <summary>RSA or ECDSA, as the form chose.</summary>
    public AsymmetricAlgorithm Key { get; } = key;

    /// <summary>"RSA" or "EC", as certificate details name key algorithms.</summary>
    public string KeyAlgorithm => Certificates.PrivateKeys.AlgorithmName(Key);

    public string Pem { get; } = pem;

    public X500DistinguishedName SubjectName { get; } = subjectName;

    public string Subject { get; } = subject;

    public IReadOnlyList<SubjectAlternativeName> AlternateNames { get; } = alternateNames;

    public int KeySizeBits { get; } = keySizeBits;

    public string SignatureAlgorithm { get; } = signatureAlgorithm;

    public string PublicKeySha256 { get; } = publicKeySha256;

    public void Dispose() => Key.Dispose();
}
