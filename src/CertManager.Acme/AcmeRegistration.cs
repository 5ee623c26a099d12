namespace CertManager.Acme;

/// <summary>
/// What newAccount sends (RFC 8555 §7.3): contact email addresses (as <c>mailto:</c>), the terms-of-service
/// agreement and, for CAs that require it, the External Account Binding key id and base64url HMAC key (§7.3.4).
/// </summary>
public sealed record AcmeRegistration(IReadOnlyList<string> Emails, bool TermsOfServiceAgreed, string? ExternalAccountKeyId = null, string? ExternalAccountHmacKey = null);
