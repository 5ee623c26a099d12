namespace CertManager.Acme.Protocol;

// The request payloads of RFC 8555 (§7.3, §7.3.5, §7.3.6, §7.4, §7.5.1) and RFC 9773 §5. Nulls are left out.

/// <summary>newAccount (§7.3); <c>onlyReturnExisting</c> looks an account up by its key (§7.3.1).</summary>
internal sealed record NewAccountPayload(
    IReadOnlyList<string>? Contact,
    bool? TermsOfServiceAgreed,
    bool? OnlyReturnExisting,
    JwsMessage? ExternalAccountBinding);

/// <summary>The inner payload of a key change (§7.3.5).</summary>
internal sealed record KeyChangePayload(string Account, Jwk OldKey);

/// <summary>Account deactivation (§7.3.6) sends <c>{"status":"deactivated"}</c>.</summary>
internal sealed record StatusPayload(string Status);

/// <summary>newOrder (§7.4) with <c>replaces</c> (RFC 9773 §5) when it renews a certificate.</summary>
internal sealed record NewOrderPayload(IReadOnlyList<AcmeIdentifier> Identifiers, string? Replaces);

/// <summary>finalize (§7.4): the CSR, DER, base64url.</summary>
internal sealed record FinalizePayload(string Csr);

/// <summary>A challenge response (§7.5.1) is the empty object.</summary>
internal sealed record EmptyPayload;
