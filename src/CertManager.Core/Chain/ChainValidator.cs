using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Chain.Rules;
using CertManager.Core.Results;
using CertManager.Core.Trust;

namespace CertManager.Core.Chain;

/// <summary>
/// Finds the path a TLS client would accept: <see cref="PathBuilder"/> proposes every candidate path from the bundle
/// and the trusted roots, <see cref="PathExplainer"/> has the platform validator (<see cref="X509Chain"/>, OpenSSL
/// underneath on Linux; RFC 5280 path validation) judge each one exactly, and the best valid path is chosen: the
/// shortest, then the strongest keys, then the longest remaining validity. When none is valid, the one closest to
/// valid is explained and the others are listed. No certificate is downloaded and revocation is not checked.
/// </summary>
public sealed class ChainValidator(TrustStore trustStore, TimeProvider timeProvider)
{
    internal PathValidation Validate(X509Certificate2 leaf, IEnumerable<X509Certificate2> candidates, ChainValidationOptions options, SummaryCache? summaries = null)
    {
        summaries ??= new SummaryCache();
        var at = options.At ?? timeProvider.GetUtcNow();
        var trusted = options.TrustedRoots ?? trustStore.GetTrustedRoots();
        var paths = PathBuilder.Build(leaf, candidates, trusted);
        var results = paths.Select(p => PathExplainer.Validate(p, trusted, at, summaries)).ToList();
        var best = results
            .Where(r => r.IsValid)
            .OrderBy(r => r.Elements.Count)
            .ThenByDescending(r => r.Elements.Min(e => PublicKeyFacts.StrengthBits(e.Certificate)))
            .ThenByDescending(r => r.Elements.Min(e => e.Certificate.NotAfter))
            .FirstOrDefault();
        if (best is not null)
        {
            return best with { Profile = IsSystemRoot(best.Elements[^1].Certificate) ? TrustProfile.PublicTrust : TrustProfile.Enterprise };
        }

        var closest = results
            .OrderByDescending(r => r.Anchored)
            .ThenBy(r => r.Findings.Count(f => f.Problem.Severity == Severity.Error))
            .ThenBy(r => r.Findings.Count)
            .ThenByDescending(r => r.Elements.Count)
            .First();
        var others = results.Where(r => r != closest).ToList();
        return others.Count == 0
            ? closest
            : closest with { Findings = [.. closest.Findings, new ChainFinding(ChainErrors.AlternativesTried(Describe(closest, summaries), others.Select(o => Describe(o, summaries)).ToList()), null)] };
    }

    /// <summary>A root the system trusts (not only this console's trust store or <c>--trust</c>): the public web PKI.</summary>
    private bool IsSystemRoot(X509Certificate2 root)
    {
        static bool Same(X509Certificate2 a, X509Certificate2 b) => a.RawDataMemory.Span.SequenceEqual(b.RawDataMemory.Span);
        return trustStore.GetTrustedRoots().Any(c => Same(c, root)) && !trustStore.GetConsoleRoots().Any(c => Same(c, root));
    }

    private static string Describe(PathValidation path, SummaryCache summaries)
    {
        var names = string.Join(" → ", path.Elements.Select(e => summaries.NameOf(e.Certificate)));
        var reason = path.Findings.Count > 0 ? path.Findings[0].Problem.Message : "valid";
        return $"{names}: {reason}";
    }
}
