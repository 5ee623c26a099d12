using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Results;
using CertManager.Core.Trust;

namespace CertManager.Core.Chain;

/// <summary>
/// Builds and checks a certificate path with the platform validator (<see cref="X509Chain"/>, OpenSSL underneath
/// on Linux; RFC 5280 path validation) against a custom trust store, and explains its verdict as problems.
/// No certificate is downloaded and revocation is not checked.
/// </summary>
public sealed class ChainValidator(TrustStore trustStore, TimeProvider timeProvider)
{
    private const X509ChainStatusFlags IgnoredFlags =
        X509ChainStatusFlags.RevocationStatusUnknown | X509ChainStatusFlags.OfflineRevocation | X509ChainStatusFlags.Revoked
        | X509ChainStatusFlags.CtlNotTimeValid | X509ChainStatusFlags.CtlNotSignatureValid | X509ChainStatusFlags.CtlNotValidForUsage;

    internal PathValidation Validate(X509Certificate2 leaf, IEnumerable<X509Certificate2> candidates, ChainValidationOptions options, SummaryCache? summaries = null)
    {
        summaries ??= new SummaryCache();
        var at = options.At ?? timeProvider.GetUtcNow();
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.AddRange(options.TrustedRoots ?? trustStore.GetTrustedRoots());
        policy.ExtraStore.AddRange(candidates.ToArray());
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        policy.VerificationTime = at.UtcDateTime;
        policy.VerificationTimeIgnored = false;

        bool built;
        try
        {
            built = chain.Build(leaf);
        }
        catch (CryptographicException exception)
        {
            return new PathValidation(false, [new ChainElement(leaf, X509ChainStatusFlags.NoError, string.Empty)], [ChainErrors.Unverifiable(exception.Message.TrimEnd('.'))]);
        }

        var elements = chain.ChainElements
            .Select(e => new ChainElement(
                e.Certificate,
                e.ChainElementStatus.Aggregate(X509ChainStatusFlags.NoError, (flags, s) => flags | s.Status),
                string.Join("; ", e.ChainElementStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0))))
            .ToList();
        var problems = Explain(elements, chain.ChainStatus, at, summaries);
        if (!built && problems.Count == 0)
        {
            problems.Add(ChainErrors.Unverifiable("the platform validator refused it without a reason"));
        }

        // The verdict is the platform's; the problems only explain it.
        return new PathValidation(built, elements, problems);
    }

    private static List<Problem> Explain(List<ChainElement> elements, X509ChainStatus[] chainStatus, DateTimeOffset at, SummaryCache summaries)
    {
        var problems = new List<Problem>();
        for (var index = 0; index < elements.Count; index++)
        {
            var (certificate, status, text) = elements[index];
            var position = index + 1;
            var name = summaries.NameOf(certificate);
            var remaining = status & ~IgnoredFlags;
            // OpenSSL stops at the first error it cannot continue past, so on a partial chain (an enterprise root this
            // console does not know) it never reports an expired certificate: check each certificate's dates here too.
            if (remaining.HasFlag(X509ChainStatusFlags.NotTimeValid) || !IsWithinValidity(certificate, at))
            {
                problems.Add(TimeProblem(index, position, name, certificate, at));
                remaining &= ~X509ChainStatusFlags.NotTimeValid;
            }

            if (remaining.HasFlag(X509ChainStatusFlags.NotSignatureValid))
            {
                problems.Add(ChainErrors.SignatureInvalid(position, name));
                remaining &= ~X509ChainStatusFlags.NotSignatureValid;
            }

            if (remaining.HasFlag(X509ChainStatusFlags.UntrustedRoot))
            {
                problems.Add(ChainErrors.RootUntrusted(certificate.Subject));
                remaining &= ~X509ChainStatusFlags.UntrustedRoot;
            }

            if (remaining.HasFlag(X509ChainStatusFlags.PartialChain))
            {
                remaining &= ~X509ChainStatusFlags.PartialChain;
            }

            if (remaining != X509ChainStatusFlags.NoError)
            {
                problems.Add(ChainErrors.Invalid(position, name, text.Length > 0 ? text : remaining.ToString()));
            }
        }

        if (chainStatus.Any(s => s.Status.HasFlag(X509ChainStatusFlags.PartialChain)) && elements.Count > 0)
        {
            // Missing the server certificate's own issuer breaks the chain for every client: an error. Missing the issuer
            // of the top intermediate usually means an enterprise root this console does not know: a warning.
            var top = elements[^1].Certificate;
            var name = summaries.NameOf(top);
            problems.Add(elements.Count == 1
                ? ChainErrors.IssuerMissing(name, top.Issuer, CaIssuersUrl(top))
                : ChainErrors.RootNotFound(name, top.Issuer, CaIssuersUrl(top)));
        }

        return problems;
    }

    private static bool IsWithinValidity(X509Certificate2 certificate, DateTimeOffset at) =>
        at.UtcDateTime >= certificate.NotBefore.ToUniversalTime() && at.UtcDateTime <= certificate.NotAfter.ToUniversalTime();

    private static Problem TimeProblem(int index, int position, string name, X509Certificate2 certificate, DateTimeOffset at)
    {
        var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        var early = at < notBefore;
        return (index, early) switch
        {
            (0, true) => ChainErrors.ServerNotYetValid(name, notBefore),
            (0, false) => ChainErrors.ServerExpired(name, notAfter),
            (_, true) => ChainErrors.IntermediateNotYetValid(position, name, notBefore),
            _ => ChainErrors.IntermediateExpired(position, name, notAfter),
        };
    }

    /// <summary>The AIA "CA Issuers" URL (RFC 5280 4.2.2.1), where the missing issuer can usually be downloaded.</summary>
    private static string? CaIssuersUrl(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509AuthorityInformationAccessExtension>().FirstOrDefault()?.EnumerateCAIssuersUris().FirstOrDefault();
}
