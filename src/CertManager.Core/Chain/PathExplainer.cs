using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using CertManager.Core.Certificates;
using CertManager.Core.Chain.NameConstraints;

namespace CertManager.Core.Chain;

/// <summary>
/// Has the platform validator judge exactly one candidate path (its root as the only custom trust anchor, its
/// intermediates as the only extra certificates, so that it cannot wander off to another path) and explains the
/// verdict as findings. Two verdicts are decided here rather than by OpenSSL: validity periods include both notBefore
/// and notAfter (RFC 5280 §4.1.2.5; OpenSSL counts the notAfter second as expired), and name constraints are judged on
/// the certificates' real names by <see cref="NameConstraintChecker"/> (OpenSSL also tests a host-like CN).
/// </summary>
internal static class PathExplainer
{
    private const X509ChainStatusFlags IgnoredFlags =
        X509ChainStatusFlags.RevocationStatusUnknown | X509ChainStatusFlags.OfflineRevocation | X509ChainStatusFlags.Revoked
        | X509ChainStatusFlags.CtlNotTimeValid | X509ChainStatusFlags.CtlNotSignatureValid | X509ChainStatusFlags.CtlNotValidForUsage
        | X509ChainStatusFlags.NotTimeValid;

    private const X509ChainStatusFlags NameConstraintFlags =
        X509ChainStatusFlags.HasNotPermittedNameConstraint | X509ChainStatusFlags.HasExcludedNameConstraint
        | X509ChainStatusFlags.HasNotSupportedNameConstraint | X509ChainStatusFlags.HasNotDefinedNameConstraint;

    public static PathValidation Validate(PathCandidate candidate, X509Certificate2Collection trusted, DateTimeOffset at, SummaryCache summaries)
    {
        var leaf = candidate.Certificates[0];
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        if (candidate.Anchored)
        {
            policy.CustomTrustStore.Add(candidate.Certificates[^1]);
        }
        else
        {
            policy.CustomTrustStore.AddRange(trusted);
        }

        policy.ExtraStore.AddRange(candidate.Certificates.Skip(1).ToArray());
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        policy.VerificationTime = at.UtcDateTime;
        policy.VerificationTimeIgnored = false;

        try
        {
            chain.Build(leaf);
        }
        catch (CryptographicException exception)
        {
            var unverifiable = ChainErrors.Unverifiable(exception.Message.TrimEnd('.'));
            return new PathValidation(false, candidate.Anchored, [new ChainElement(leaf, X509ChainStatusFlags.NoError, string.Empty)], [new ChainFinding(unverifiable, 0)]);
        }

        var elements = chain.ChainElements
            .Select(e => new ChainElement(
                e.Certificate,
                e.ChainElementStatus.Aggregate(X509ChainStatusFlags.NoError, (flags, s) => flags | s.Status),
                string.Join("; ", e.ChainElementStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0))))
            .ToList();
        var findings = Explain(elements, chain.ChainStatus, at, summaries);
        if (findings.Count == 0 && chain.ChainStatus.Any(s => (s.Status & ~IgnoredFlags & ~NameConstraintFlags) != X509ChainStatusFlags.NoError))
        {
            findings.Add(new ChainFinding(ChainErrors.Unverifiable("the platform validator refused it without a reason"), null));
        }

        // Valid when nothing needs explaining: every platform verdict left is explained as a finding.
        return new PathValidation(findings.Count == 0, candidate.Anchored, elements, findings);
    }

    private static List<ChainFinding> Explain(List<ChainElement> elements, X509ChainStatus[] chainStatus, DateTimeOffset at, SummaryCache summaries)
    {
        var findings = new List<ChainFinding>();
        var names = NameConstraintChecker.Check(elements.Select(e => e.Certificate).ToList());
        for (var index = 0; index < elements.Count; index++)
        {
            var (certificate, status, text) = elements[index];
            var position = index + 1;
            var name = summaries.NameOf(certificate);
            var remaining = status & ~IgnoredFlags;
            // Dates are checked here for every certificate: RFC 5280 includes notAfter itself, and OpenSSL stops
            // reporting expiry on a partial chain (an enterprise root this console does not know).
            if (!IsWithinValidity(certificate, at))
            {
                findings.Add(new ChainFinding(TimeProblem(index, position, name, certificate, at), index));
            }

            if ((remaining & NameConstraintFlags) != 0 && (names.Satisfied || names.Violations.Count > 0))
            {
                // Decided on the real names below: a violation is reported with the constraint and the name.
                remaining &= ~NameConstraintFlags;
            }

            if (remaining.HasFlag(X509ChainStatusFlags.NotSignatureValid))
            {
                findings.Add(new ChainFinding(ChainErrors.SignatureInvalid(position, name), index));
                remaining &= ~X509ChainStatusFlags.NotSignatureValid;
            }

            if (remaining.HasFlag(X509ChainStatusFlags.UntrustedRoot))
            {
                findings.Add(new ChainFinding(ChainErrors.RootUntrusted(certificate.SubjectText()), index));
                remaining &= ~X509ChainStatusFlags.UntrustedRoot;
            }

            remaining &= ~X509ChainStatusFlags.PartialChain;
            if (remaining != X509ChainStatusFlags.NoError)
            {
                findings.Add(new ChainFinding(ChainErrors.Invalid(position, name, PlainWords(remaining, text)), index));
            }
        }

        foreach (var violation in names.Violations)
        {
            var problem = ChainErrors.NameConstraintViolated(
                violation.Index + 1, summaries.NameOf(elements[violation.Index].Certificate), violation.Name.ToString(),
                violation.ConstrainingIndex + 1, summaries.NameOf(elements[violation.ConstrainingIndex].Certificate),
                violation.Excluded, string.Join(", ", violation.Subtrees));
            findings.Add(new ChainFinding(problem, violation.Index));
        }

        if (chainStatus.Any(s => s.Status.HasFlag(X509ChainStatusFlags.PartialChain)) && elements.Count > 0)
        {
            // Missing the server certificate's own issuer breaks the chain for every client: an error. Missing the issuer
            // of the top intermediate usually means an enterprise root this console does not know: a warning.
            var top = elements[^1].Certificate;
            var name = summaries.NameOf(top);
            findings.Add(new ChainFinding(
                elements.Count == 1 ? ChainErrors.IssuerMissing(name, top.IssuerText(), CaIssuersUrl(top)) : ChainErrors.RootNotFound(name, top.IssuerText(), CaIssuersUrl(top)),
                elements.Count - 1));
        }

        return findings;
    }

    /// <summary>The platform's remaining verdict in plain words, with OpenSSL's own text kept for the record.</summary>
    private static string PlainWords(X509ChainStatusFlags flags, string platformText)
    {
        var reasons = new List<string>();
        if (flags.HasFlag(X509ChainStatusFlags.InvalidBasicConstraints))
        {
            reasons.Add("a certificate above it is not allowed to issue certificates, or the chain is longer than a CA's path length allows (basic constraints)");
        }

        if (flags.HasFlag(X509ChainStatusFlags.NotValidForUsage))
        {
            reasons.Add("its key usage does not allow this use");
        }

        if (flags.HasFlag(X509ChainStatusFlags.HasNotSupportedCriticalExtension) || flags.HasFlag(X509ChainStatusFlags.InvalidExtension))
        {
            reasons.Add("it has an extension marked critical that clients do not understand, or a damaged extension");
        }

        if (flags.HasFlag(X509ChainStatusFlags.InvalidPolicyConstraints) || flags.HasFlag(X509ChainStatusFlags.NoIssuanceChainPolicy))
        {
            reasons.Add("its certificate policies do not satisfy the policy constraints of a CA above it");
        }

        if ((flags & NameConstraintFlags) != 0)
        {
            reasons.Add("one of its names is outside a CA's name constraints, in a form this console does not evaluate");
        }

        if (flags.HasFlag(X509ChainStatusFlags.Cyclic))
        {
            reasons.Add("the certificates issue each other in a loop");
        }

        var plain = reasons.Count > 0 ? string.Join("; ", reasons) : "the platform validator refused it";
        return platformText.Length > 0 ? $"{plain} (OpenSSL: {platformText})" : plain;
    }

    /// <summary>RFC 5280 §4.1.2.5: the validity period includes both notBefore and notAfter.</summary>
    internal static bool IsWithinValidity(X509Certificate2 certificate, DateTimeOffset at) =>
        at.UtcDateTime >= certificate.NotBefore.ToUniversalTime() && at.UtcDateTime <= certificate.NotAfter.ToUniversalTime();

    private static Results.Problem TimeProblem(int index, int position, string name, X509Certificate2 certificate, DateTimeOffset at)
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
