using CertManager.Core.Results;

namespace CertManager.Core.Chain.Rules;

/// <summary>A server certificate issued on or after 2026-03-15 valid for more than 200 days.</summary>
internal sealed class ValidityTooLongRule : DoctorRule
{
    private static readonly TimeSpan Maximum = TimeSpan.FromDays(200);

    public override RuleMetadata Metadata { get; } = new(
        "server.validity-over-200-days",
        "The server certificate is valid for more than 200 days",
        Severity.Warning,
        Severity.Info,
        "Nothing to do now; expect publicly trusted CAs to issue at most 200-day certificates, and plan renewals (or automation) accordingly.",
        RuleSource.CabForumBaselineRequirements,
        "CA/B Forum BR §6.3.2 (Ballot SC-081): subscriber certificates issued on or after 2026-03-15 MUST NOT be valid for more than 200 days",
        new DateTimeOffset(2026, 3, 15, 0, 0, 0, TimeSpan.Zero));

    public override bool Applies(CertificateOnPath certificate) => certificate.IsServer && !certificate.IsCertificateAuthority;

    public override string? Check(CertificateOnPath certificate)
    {
        // BR §1.6.1: the validity period runs from notBefore to notAfter inclusive, so one second more than the difference.
        var validity = certificate.Certificate.NotAfter.ToUniversalTime() - certificate.Certificate.NotBefore.ToUniversalTime() + TimeSpan.FromSeconds(1);
        return validity > Maximum
            ? $"{certificate.Label} is valid for {Math.Floor(validity.TotalDays):0} days; certificates issued since 2026-03-15 may be valid for at most 200."
            : null;
    }
}
