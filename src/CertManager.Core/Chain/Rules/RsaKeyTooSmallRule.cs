using CertManager.Core.Results;

namespace CertManager.Core.Chain.Rules;

/// <summary>An RSA key under 2048 bits anywhere on the path.</summary>
internal sealed class RsaKeyTooSmallRule : DoctorRule
{
    private const int MinimumBits = 2048;

    public override RuleMetadata Metadata { get; } = new(
        "key.too-small",
        "An RSA key in the chain has fewer than 2048 bits",
        Severity.Error,
        Severity.Error,
        "For the server certificate: generate a new CSR with a 2048-bit or larger key and have it signed. For a CA certificate: ask your CA for its current chain.",
        RuleSource.ClientBehaviour,
        "CA/B Forum BR §6.1.5; Chrome and Firefox refuse RSA keys under 2048 bits, and Apple platforms refuse them for every TLS certificate and issuing CA, whatever the root");

    public override bool Applies(CertificateOnPath certificate) => PublicKeyFacts.IsRsa(certificate.Certificate);

    public override string? Check(CertificateOnPath certificate)
    {
        var bits = PublicKeyFacts.RsaModulusBits(certificate.Certificate);
        return bits < MinimumBits ? $"{certificate.Label} has an RSA key of {bits} bits; at least {MinimumBits} are required." : null;
    }
}
