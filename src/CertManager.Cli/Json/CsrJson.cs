namespace CertManager.Cli.Json;

/// <summary>
/// What <c>certman csr --json</c> prints on success (docs/cli.md). Exactly one of <see cref="PendingRequestId"/>
/// (with <c>--data-dir</c>) and <see cref="KeyFile"/> (standalone) is present.
/// </summary>
/// <param name="PendingRequestId">The console's pending request that holds the key (with <c>--data-dir</c>).</param>
/// <param name="KeyFile">Full path of the private key file (standalone).</param>
/// <param name="CsrFile">Full path of <c>--out</c>, when given.</param>
/// <param name="Subject">The subject in encoded order, e.g. <c>C=CA, O=Example Inc., CN=server.example.com</c>.</param>
/// <param name="Sans">subjectAltName entries as openssl prints them: <c>DNS:name</c> or <c>IP:address</c>.</param>
/// <param name="KeyAlgorithm"><c>RSA</c> or <c>EC</c>.</param>
/// <param name="KeySizeBits">2048, 3072 or 4096.</param>
/// <param name="SignatureAlgorithm">As openssl names it, e.g. <c>sha256WithRSAEncryption</c>.</param>
/// <param name="PublicKeySha256">SHA-256 of the DER SubjectPublicKeyInfo, colon-separated upper-case hex.</param>
/// <param name="CsrPem">The CSR in PEM.</param>
/// <param name="Warnings">Warnings and advice (severity <c>warning</c> or <c>info</c>); empty when there are none.</param>
internal sealed record CsrJson(
    long? PendingRequestId,
    string? KeyFile,
    string? CsrFile,
    string Subject,
    IReadOnlyList<string> Sans,
    string KeyAlgorithm,
    int KeySizeBits,
    string SignatureAlgorithm,
    string PublicKeySha256,
    string CsrPem,
    IReadOnlyList<ProblemJson> Warnings);
