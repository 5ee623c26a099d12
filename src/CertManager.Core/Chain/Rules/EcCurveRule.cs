using CertManager.Core.Results;

namespace CertManager.Core.Chain.Rules;

/// <summary>An EC key on a curve other than P-256, P-384 or P-521 (e.g. P-192), anywhere on the path.</summary>
internal sealed class EcCurveRule : DoctorRule
{
    public override RuleMetadata Metadata { get; } = new(
        "key.ec-curve",
        "An EC key is not on P-256, P-384 or P-521",
        Severity.Error,
        Severity.Error,
        "Ask your CA for a chain with P-256 or P-384 keys; for the server certificate, generate a new CSR with an RSA or P-256 key.",
        RuleSource.ClientBehaviour,
        "CA/B Forum BR §6.1.5 allows P-256, P-384 and P-521 only; Chrome, Firefox and Safari accept no other curve (P-192 is refused)");

    public override bool Applies(CertificateOnPath certificate) => certificate.Certificate.PublicKey.Oid.Value == Oids.EcPublicKey;

    public override string? Check(CertificateOnPath certificate) =>
        PublicKeyFacts.NamedCurve(certificate.Certificate) switch
        {
            Oids.P256 or Oids.P384 or Oids.P521 => null,
            null => $"{certificate.Label} has an EC key with explicit curve parameters, which browsers do not accept.",
            var curve => $"{certificate.Label} has an EC key on the curve {CurveName(curve)}, which browsers do not accept.",
        };

    private static string CurveName(string oid) => oid switch
    {
        "1.2.840.10045.3.1.1" => "P-192 (secp192r1)",
        "1.3.132.0.33" => "P-224 (secp224r1)",
        "1.3.132.0.10" => "secp256k1",
        _ => new System.Security.Cryptography.Oid(oid).FriendlyName ?? oid,
    };
}
