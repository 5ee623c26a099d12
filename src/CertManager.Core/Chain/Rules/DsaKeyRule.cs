using CertManager.Core.Results;

namespace CertManager.Core.Chain.Rules;

/// <summary>A DSA key anywhere on the path.</summary>
internal sealed class DsaKeyRule : DoctorRule
{
    public override RuleMetadata Metadata { get; } = new(
        "key.dsa",
        "A certificate in the chain has a DSA key",
        Severity.Error,
        Severity.Error,
        "Ask your CA for a chain with RSA (2048 bits or more) or ECDSA (P-256, P-384) keys; for the server certificate, generate a new CSR.",
        RuleSource.ClientBehaviour,
        "CA/B Forum BR §6.1.5 allows only RSA and ECDSA keys; Chrome, Firefox and Safari do not accept DSA keys in TLS certificate chains");

    public override string? Check(CertificateOnPath certificate) =>
        certificate.Certificate.PublicKey.Oid.Value == Oids.Dsa ? $"{certificate.Label} has a DSA key, which browsers do not accept." : null;
}
