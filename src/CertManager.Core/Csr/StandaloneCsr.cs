using CertManager.Core.Details;

namespace CertManager.Core.Csr;

/// <summary>
/// A certificate signing request (PKCS#10, RFC 2986) made outside any console: its private key was written to
/// <see cref="KeyFile"/> (PKCS#8 PEM, mode 0600) and is not kept anywhere else.
/// </summary>
/// <param name="KeyFile">Full path of the private key file.</param>
/// <param name="Pem">The CSR in PEM (<c>-----BEGIN CERTIFICATE REQUEST-----</c>).</param>
/// <param name="Subject">The subject in encoded order, e.g. <c>C=CA, ST=Ontario, ..., CN=server.example.com</c>.</param>
/// <param name="SubjectFields">The subject's attributes, one per line for display.</param>
/// <param name="AlternateNames">The subjectAltName entries the request asks for.</param>
/// <param name="KeyAlgorithm"><c>RSA</c> or <c>EC</c>.</param>
/// <param name="KeySizeBits">2048, 3072 or 4096.</param>
/// <param name="SignatureAlgorithm">As openssl names it, e.g. <c>sha256WithRSAEncryption</c>.</param>
/// <param name="PublicKeySha256">SHA-256 of the DER SubjectPublicKeyInfo, colon-separated upper-case hex.</param>
public sealed record StandaloneCsr(
    string KeyFile,
    string Pem,
    string Subject,
    NameFields SubjectFields,
    IReadOnlyList<SubjectAlternativeName> AlternateNames,
    string KeyAlgorithm,
    int KeySizeBits,
    string SignatureAlgorithm,
    string PublicKeySha256);
