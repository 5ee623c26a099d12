namespace CertManager.Acme.Protocol;

/// <summary>The directory's <c>meta</c> object (RFC 8555 §7.1.1).</summary>
public sealed record AcmeDirectoryMeta
{
    /// <summary>The terms of service the account holder must agree to (a URL; Pebble uses a <c>data:</c> URL).</summary>
    public string? TermsOfService { get; init; }

    public string? Website { get; init; }

    public IReadOnlyList<string>? CaaIdentities { get; init; }

    /// <summary>§7.3.4: the CA requires an External Account Binding for newAccount.</summary>
    public bool ExternalAccountRequired { get; init; }
}
