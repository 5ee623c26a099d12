namespace CertManager.Core.Chain.Rules;

/// <summary>
/// One check of the chain doctor, in one file with its test beside it (the shape of zlint's <c>v3/lints</c>):
/// <see cref="Metadata"/> says what it is, <see cref="Applies"/> which certificates on the path it looks at, and
/// <see cref="Check"/> returns the message naming the certificate and what is wrong with it, or null when it passes.
/// <see cref="RuleSet"/> runs every rule over the chosen path; adding a rule is adding a file and one line there.
/// </summary>
internal abstract class DoctorRule
{
    public abstract RuleMetadata Metadata { get; }

    /// <summary>Whether the rule concerns this certificate (e.g. only the server certificate, only CAs).</summary>
    public virtual bool Applies(CertificateOnPath certificate) => true;

    /// <summary>The finding's message, or null when the certificate passes.</summary>
    public abstract string? Check(CertificateOnPath certificate);
}
