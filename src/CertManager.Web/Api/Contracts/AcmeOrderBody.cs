namespace CertManager.Web.Api.Contracts;

/// <summary>
/// An ACME order as the ACME page and <c>certman acme order</c> take it (RFC 8555): the CA's directory, the account's
/// contact and agreement to the CA's terms, External Account Binding when the CA requires it (§7.3.4), the names, the
/// key and the challenge type (<c>http-console</c>, the default, <c>http-webroot</c>, <c>dns-rfc2136</c>, <c>dns-hook</c>).
/// </summary>
public sealed record AcmeOrderBody(
    string DirectoryUrl,
    string CommonName,
    bool TermsOfServiceAgreed,
    string? Email = null,
    IReadOnlyList<string>? AlternateNames = null,
    int KeySize = Core.Csr.CsrForm.DefaultKeySize,
    string? Challenge = null,
    string? ExternalAccountKeyId = null,
    string? ExternalAccountHmacKey = null,
    string? PreferredRoot = null,
    bool ConfirmWarnings = false);
