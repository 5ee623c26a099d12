using CertManager.Core.Chain;
using CertManager.Core.Chain.Rules;

namespace CertManager.Cli.Json;

/// <summary>What <c>certman inspect --json</c> and <c>certman verify --json</c> print (docs/cli.md): the chain doctor's report.</summary>
/// <param name="Valid">The verdict: a valid path and no error. <c>verify</c> exits 0 exactly when it is true.</param>
/// <param name="PathValid">The platform validator built a trusted path at the validation time.</param>
/// <param name="ValidatedAt">The validation time, ISO 8601 UTC.</param>
/// <param name="Certificates">Every distinct certificate read, in the order read.</param>
/// <param name="Keys">Every private key read.</param>
/// <param name="ServerCertificate">The end-entity certificate examined; absent when there is none.</param>
/// <param name="Chain">The built chain, server first, root last when one was found.</param>
/// <param name="Problems">Errors, warnings and advice with their fixes.</param>
/// <param name="Profile">The rule book applied: <c>public</c> (a root in the system store) or <c>enterprise</c> (any other root).</param>
internal sealed record ReportJson(
    bool Valid,
    bool PathValid,
    string Profile,
    string ValidatedAt,
    IReadOnlyList<CertificateJson> Certificates,
    IReadOnlyList<KeyJson> Keys,
    CertificateJson? ServerCertificate,
    IReadOnlyList<ChainLinkJson> Chain,
    IReadOnlyList<ProblemJson> Problems)
{
    public static ReportJson From(ChainReport report, DateTimeOffset validatedAt) => new(
        IsValid(report),
        report.PathValid,
        report.Profile == TrustProfile.PublicTrust ? "public" : "enterprise",
        CertificateJson.Timestamp(validatedAt),
        report.Certificates.Select(CertificateJson.From).ToList(),
        report.Keys.Select(KeyJson.From).ToList(),
        report.ServerCertificate is { } server ? CertificateJson.From(server) : null,
        report.Chain.Select(ChainLinkJson.From).ToList(),
        ProblemJson.From(report.Problems));

    /// <summary>The verdict scripts act on: a trusted path and no error.</summary>
    public static bool IsValid(ChainReport report) => report.PathValid && !report.HasErrors;
}
