namespace CertManager.Cli.Json;

/// <summary>What <c>certman export --json</c> prints on success (docs/cli.md).</summary>
/// <param name="File">Full path of the file written.</param>
/// <param name="Format"><c>zip</c>, <c>pfx (modern)</c>, <c>pfx (compatible)</c> or <c>pem</c>.</param>
/// <param name="IncludesPrivateKey">Whether the file holds the private key.</param>
/// <param name="Subject">The certificate's subject, e.g. <c>CN=www.example.com</c>.</param>
/// <param name="Sha256Fingerprint">SHA-256 of the certificate, colon-separated upper-case hex.</param>
/// <param name="Warnings">E.g. <c>export.self-signed-default</c>; empty when there are none.</param>
internal sealed record ExportJson(string File, string Format, bool IncludesPrivateKey, string Subject, string Sha256Fingerprint, IReadOnlyList<ProblemJson> Warnings);
