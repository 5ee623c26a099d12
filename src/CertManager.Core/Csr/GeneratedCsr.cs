using CertManager.Core.Details;

namespace CertManager.Core.Csr;

/// <summary>
/// A new certificate signing request (PKCS#10, RFC 2986) as read back from its own PEM: what the CA will see.
/// The private key stays on the server, stored encrypted under pending request <see cref="PendingRequestId"/>.
/// </summary>
/// <param name="PendingRequestId">The pending request that holds the key; install finds it by the certificate's public key.</param>
/// <param name="Pem">The CSR in PEM (<c>-----BEGIN CERTIFICATE REQUEST-----</c>), to paste into the CA's form.</param>
/// <param name="Subject">The subject in encoded order, e.g. <c>C=CA, ST=Ontario, ..., CN=server.example.com</c>.</param>
/// <param name="SubjectFields">The subject's attributes, one per line for display.</param>
/// <param name="AlternateNames">The subjectAltName entries the request asks for.</param>
/// <param name="KeyAlgorithm"><c>RSA</c> or <c>EC</c>.</param>
/// <param name="KeySizeBits">2048, 3072 or 4096.</param>
/// <param name="SignatureAlgorithm">As openssl names it, e.g. <c>sha256WithRSAEncryption</c>.</param>
/// <param name="PublicKeySha256">SHA-256 of the DER SubjectPublicKeyInfo, colon-separated upper-case hex.</param>
/// <param name="Created">When it was generated.</param>
public sealed record GeneratedCsr(
    long PendingRequestId,
    string Pem,
    string Subject,
    NameFields SubjectFields,
    IReadOnlyList<SubjectAlternativeName> AlternateNames,
    string KeyAlgorithm,
    int KeySizeBits,
    string SignatureAlgorithm,
    string PublicKeySha256,
    DateTimeOffset Created);
