using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Import;
using CertManager.Core.Results;

namespace CertManager.Core.Chain;

/// <summary>
/// The chain picture of a report: each certificate of the chosen path with its role, whether it is sent, where it
/// came from, and the problems that concern it (its card is coloured by the worst of them).
/// </summary>
internal static class ChainLinks
{
    public static List<ChainLink> Describe(PathValidation path, List<ImportedCertificate> uploaded, List<ChainFinding> findings, SummaryCache cache)
    {
        var byFingerprint = uploaded.GroupBy(c => Sha256(c.Certificate)).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var links = new List<ChainLink>();
        for (var index = 0; index < path.Elements.Count; index++)
        {
            var certificate = path.Elements[index].Certificate;
            var role = index == 0 ? ChainLinkRole.Server
                : certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData) ? ChainLinkRole.Root : ChainLinkRole.Intermediate;
            var imported = byFingerprint.GetValueOrDefault(Sha256(certificate));
            var concerning = findings.Where(f => f.Index == index).Select(f => f.Problem).Distinct().OrderByDescending(p => p.Severity).ToList();
            links.Add(new ChainLink(
                cache.Of(certificate, imported is null ? "trust store" : "uploaded"),
                role,
                Sent: role != ChainLinkRole.Root,
                Status: concerning.FirstOrDefault(p => p.Severity != Severity.Info)?.Message ?? "OK")
            {
                CameFrom = CameFrom(imported),
                Problems = concerning,
            });
        }

        return links;
    }

    private static string CameFrom(ImportedCertificate? imported) => imported switch
    {
        null => "the trust store",
        { Enrollment: { } enrollment } => enrollment.CameFrom,
        { Source: var source } => $"your upload ({source})",
    };

    private static string Sha256(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);
}
