using CertManager.Core.Results;

namespace CertManager.Core.Chain.Rules;

/// <summary>An RSA modulus whose size in bits is not a multiple of 8 (e.g. 2049), anywhere on the path.</summary>
internal sealed class RsaModulusSizeRule : DoctorRule
{
    public override RuleMetadata Metadata { get; } = new(
        "key.rsa-modulus-size",
        "An RSA modulus size is not a multiple of 8 bits",
        Severity.Error,
        Severity.Info,
        "Generate the key again with a standard size (2048, 3072 or 4096 bits) and have it signed again.",
        RuleSource.CabForumBaselineRequirements,
        "CA/B Forum BR §6.1.5: the RSA modulus size in bits MUST be evenly divisible by 8 (zlint e_rsa_mod_not_multiple_of_8 style)");

    public override bool Applies(CertificateOnPath certificate) => PublicKeyFacts.IsRsa(certificate.Certificate);

    public override string? Check(CertificateOnPath certificate)
    {
        var bits = PublicKeyFacts.RsaModulusBits(certificate.Certificate);
        return bits % 8 != 0 ? $"{certificate.Label} has an RSA modulus of {bits} bits, which is not a multiple of 8." : null;
    }
}
