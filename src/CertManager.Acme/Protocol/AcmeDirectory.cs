namespace CertManager.Acme.Protocol;

/// <summary>
/// The directory object (RFC 8555 §7.1.1): the URLs of the CA's resources, plus <c>renewalInfo</c> when the CA offers
/// ACME Renewal Information (RFC 9773 §4).
/// </summary>
public sealed record AcmeDirectory
{
    public Uri? NewNonce { get; init; }

    public Uri? NewAccount { get; init; }

    public Uri? NewOrder { get; init; }

    public Uri? RevokeCert { get; init; }

    public Uri? KeyChange { get; init; }

    /// <summary>RFC 9773 §4: present when the CA answers renewalInfo requests.</summary>
    public Uri? RenewalInfo { get; init; }

    public AcmeDirectoryMeta? Meta { get; init; }
}
