using CertManager.Core.Results;

namespace CertManager.Core.Chain.Rules;

/// <summary>A root certificate with an Extended Key Usage extension.</summary>
internal sealed class RootExtendedKeyUsageRule : DoctorRule
{
    public override RuleMetadata Metadata { get; } = new(
        "root.has-eku",
        "The root certificate has an Extended Key Usage",
        Severity.Error,
        Severity.Info,
        "For an enterprise root: when you next renew it, leave Extended Key Usage out of the root (put it in the issuing CAs). Nothing to do for this certificate if the chain validates.",
        RuleSource.CabForumBaselineRequirements,
        "CA/B Forum BR §7.1.2.1.2: a root CA certificate MUST NOT contain extKeyUsage (zlint e_root_ca_extended_key_usage_present); Windows and macOS apply a root's EKU to the whole chain");

    public override bool Applies(CertificateOnPath certificate) => certificate.IsRoot;

    public override string? Check(CertificateOnPath certificate) =>
        certificate.ExtendedKeyUsages is { } usages
            ? $"The root {certificate.Name} has an Extended Key Usage ({UsageNames.Describe(usages)}); some clients apply it to every certificate under it."
            : null;
}
