using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using CertManager.Core.Certificates;
using CertManager.Core.Chain.Rules;
using CertManager.Core.Csr;
using CertManager.Core.Import;
using CertManager.Core.Install;
using CertManager.Core.Results;

namespace CertManager.Core.Chain;

/// <summary>
/// Examines imported material before anything is installed: picks the server certificate, builds its chain with
/// the platform validator, tidies the bundle (order, duplicates, unrelated certificates, the root), checks what
/// browsers will object to and, for an install, finds the private key (uploaded, or pending from Generate CSR).
/// </summary>
/// <remarks>
/// The pending-key store is resolved only when an install needs it, so that <c>certman inspect</c> and
/// <c>certman verify</c> can examine files without a console's data directory.
/// </remarks>
public sealed class ChainDoctor(ChainValidator validator, Lazy<PendingRequestStore> pendingRequests, HostIdentity hostIdentity, KeyAlgorithmPolicy keyPolicy)
{
    private const int MinimumRsaBits = 2048;

    /// <summary>Examines the chain only (<c>certman inspect</c>, <c>certman verify</c>): no key is required.</summary>
    public Task<Examination> ExamineChainAsync(ImportedMaterial material, ChainValidationOptions? options = null, CancellationToken cancellationToken = default) =>
        ExamineAsync(material, options ?? new ChainValidationOptions(), forInstall: false, cancellationToken);

    /// <summary>Examines everything an install needs, including the private key and the allowed key algorithms.</summary>
    public Task<Examination> ExamineForInstallAsync(ImportedMaterial material, CancellationToken cancellationToken = default) =>
        ExamineAsync(material, new ChainValidationOptions(), forInstall: true, cancellationToken);

    private async Task<Examination> ExamineAsync(ImportedMaterial material, ChainValidationOptions options, bool forInstall, CancellationToken cancellationToken)
    {
        var findings = material.Problems.Select(p => new ChainFinding(p, null)).ToList();
        var cache = new SummaryCache();
        var unique = Deduplicate(material.Certificates, findings, cache);
        var summaries = unique.Select(c => cache.Of(c.Certificate, c.Source)).ToList();
        var server = ChooseServer(unique, material.Keys);
        if (server is null)
        {
            if (unique.Count > 0)
            {
                findings.Add(new ChainFinding(ChainErrors.NoServerCertificate, null));
            }

            return new Examination(new ChainReport(summaries, KeySummaries(material.Keys, null), null, [], false, Problems(findings)), null, null, [], null);
        }

        var others = unique.Where(c => c != server).ToList();
        var path = validator.Validate(server.Certificate, others.Select(c => c.Certificate), options, cache);
        findings.AddRange(path.Findings);
        var pathCertificates = path.Elements.Select(e => e.Certificate).ToList();
        foreach (var finding in RuleSet.Run(pathCertificates, path.Profile, cache.NameOf))
        {
            // A CA certificate on its own is a legitimate thing to verify; only an install must refuse it as the server certificate.
            findings.Add(!forInstall && finding.Problem.Code == "bundle.server-is-ca" ? finding with { Problem = finding.Problem with { Severity = Severity.Info } } : finding);
        }

        var intermediates = TidyBundle(path, others, findings, cache);
        CheckHostNames(server.Certificate, options, findings, cache);

        AsymmetricAlgorithm? key = null;
        long? pendingRequestId = null;
        string? keySource = null;
        if (forInstall)
        {
            (key, pendingRequestId, keySource) = await FindKeyAsync(server, material.Keys, findings, cache, cancellationToken);
        }

        var keys = KeySummaries(material.Keys, server.Certificate);
        if (keySource is not null)
        {
            keys = [.. keys, new KeySummary(PrivateKeys.AlgorithmName(key!), key!.KeySize, keySource, Sha256(server.Certificate))];
        }

        var chain = ChainLinks.Describe(path, unique, findings, cache);
        var report = new ChainReport(summaries, keys, cache.Of(server.Certificate, server.Source), chain, path.IsValid, Problems(findings)) { Profile = path.Profile };
        // Copies the examination owns, like the key: the imported material may be disposed before the install is confirmed.
        return new Examination(report, Copy(server.Certificate), key, [.. intermediates.Select(Copy)], pendingRequestId);
    }

    /// <summary>Every problem, errors first, in the order found within a severity.</summary>
    private static List<Problem> Problems(List<ChainFinding> findings) =>
        findings.Select(f => f.Problem).OrderByDescending(p => p.Severity).ToList();

    private static List<ImportedCertificate> Deduplicate(IReadOnlyList<ImportedCertificate> certificates, List<ChainFinding> findings, SummaryCache cache)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unique = new List<ImportedCertificate>();
        foreach (var certificate in certificates)
        {
            if (seen.Add(Sha256(certificate.Certificate)))
            {
                unique.Add(certificate);
            }
            else
            {
                findings.Add(new ChainFinding(ChainErrors.Duplicate(cache.Of(certificate.Certificate, certificate.Source).DisplayName), null));
            }
        }

        return unique;
    }

    /// <summary>
    /// The server certificate is the end-entity certificate the private key belongs to; without a key, the one uploaded
    /// as "SSL Certificate"; failing that, any end-entity certificate. Only when there is no end-entity certificate at
    /// all is a CA certificate chosen: the one uploaded as "SSL Certificate" at the bottom of the bundle (it issued none
    /// of the others, so it is not one of the chain's issuers), so that its chain is still checked and reported.
    /// </summary>
    private static ImportedCertificate? ChooseServer(List<ImportedCertificate> certificates, IReadOnlyList<ImportedKey> keys)
    {
        var endEntities = certificates.Where(c => !CertificateSummary.IsCertificateAuthorityCertificate(c.Certificate)).ToList();
        var withKey = endEntities.Where(c => keys.Any(k => Matches(k, c.Certificate))).ToList();
        return withKey.FirstOrDefault(c => c.Slot == ImportSlot.Certificate)
            ?? withKey.FirstOrDefault()
            ?? endEntities.FirstOrDefault(c => c.Slot == ImportSlot.Certificate && !IsSelfIssued(c.Certificate))
            ?? endEntities.FirstOrDefault(c => !IsSelfIssued(c.Certificate))
            ?? endEntities.FirstOrDefault()
            ?? certificates.FirstOrDefault(c => c.Slot == ImportSlot.Certificate && !IsSelfIssued(c.Certificate) && !IssuedAnother(c, certificates));
    }

    private static bool IssuedAnother(ImportedCertificate candidate, List<ImportedCertificate> certificates) =>
        certificates.Any(c => c != candidate && c.Certificate.IssuerName.RawData.AsSpan().SequenceEqual(candidate.Certificate.SubjectName.RawData));

    /// <summary>The intermediates to send, in chain order; reports what was reordered or dropped.</summary>
    private static List<X509Certificate2> TidyBundle(PathValidation path, List<ImportedCertificate> others, List<ChainFinding> findings, SummaryCache cache)
    {
        var onPath = path.Elements.Skip(1).Select(e => e.Certificate).ToList();
        var intermediates = onPath.Where(c => !IsSelfIssued(c)).ToList();
        var intermediateFingerprints = intermediates.Select(Sha256).ToList();
        var uploadedOrder = new List<string>();
        foreach (var other in others)
        {
            var fingerprint = Sha256(other.Certificate);
            var name = cache.Of(other.Certificate, other.Source).DisplayName;
            if (intermediateFingerprints.Contains(fingerprint))
            {
                uploadedOrder.Add(fingerprint);
            }
            else if (onPath.FindIndex(c => Sha256(c) == fingerprint) is var index and >= 0)
            {
                findings.Add(new ChainFinding(ChainErrors.RootDropped(name), index + 1));
            }
            else
            {
                findings.Add(new ChainFinding(ChainErrors.Unrelated(name), null));
            }
        }

        if (!uploadedOrder.SequenceEqual(intermediateFingerprints.Where(uploadedOrder.Contains)))
        {
            findings.Add(new ChainFinding(ChainErrors.Reordered(), null));
        }

        return intermediates;
    }

    /// <summary>The names the server certificate must cover (<c>--host</c>, or the console's own name), matched as clients match them.</summary>
    private void CheckHostNames(X509Certificate2 server, ChainValidationOptions options, List<ChainFinding> findings, SummaryCache cache)
    {
        var names = cache.Of(server, string.Empty).AlternateNames;
        var hosts = options.HostNames.Count > 0 ? options.HostNames : [hostIdentity.FullyQualifiedName];
        foreach (var text in hosts)
        {
            var host = HostNameMatcher.Parse(text, out var error);
            if (host is null)
            {
                findings.Add(new ChainFinding(ChainErrors.HostInvalid(text, error!, options.HostNamesRequired && options.HostNames.Count > 0), null));
            }
            else if (!HostNameMatcher.Covers(names, host))
            {
                var listed = names.Count == 0 ? "none" : string.Join(", ", names);
                findings.Add(new ChainFinding(ChainErrors.HostNotCovered(text, listed, options.HostNamesRequired && options.HostNames.Count > 0), 0));
            }
        }
    }

    private async Task<(AsymmetricAlgorithm? Key, long? PendingRequestId, string? PendingSource)> FindKeyAsync(
        ImportedCertificate server, IReadOnlyList<ImportedKey> keys, List<ChainFinding> findings, SummaryCache cache, CancellationToken cancellationToken)
    {
        var (algorithm, bits) = Details.CertificateDetailsReader.DescribeKey(server.Certificate);
        switch (algorithm)
        {
            case "RSA" when !keyPolicy.AllowsRsa:
                findings.Add(new ChainFinding(ChainErrors.AlgorithmNotAllowed("RSA"), 0));
                return (null, null, null);
            case "RSA" when bits < MinimumRsaBits:
                // Reported by the key.too-small rule; such a certificate is never installed.
                return (null, null, null);
            case "RSA":
                break;
            case "EC" when !keyPolicy.AllowsEcdsa:
                findings.Add(new ChainFinding(ChainErrors.AlgorithmNotAllowed("ECDSA"), 0));
                return (null, null, null);
            case "EC" when bits is not (256 or 384):
                findings.Add(new ChainFinding(ChainErrors.CurveNotInstallable(bits), 0));
                return (null, null, null);
            case "EC":
                break;
            default:
                findings.Add(new ChainFinding(ChainErrors.NotRsa(algorithm), 0));
                return (null, null, null);
        }

        if (keys.Count > 0)
        {
            var match = keys.FirstOrDefault(k => Matches(k, server.Certificate));
            if (match?.Key is RSA or ECDsa)
            {
                // A copy the examination owns, so the imported material can be disposed independently.
                return (PrivateKeys.Copy(match.Key), null, null);
            }

            findings.Add(new ChainFinding(ChainErrors.KeyMismatch(cache.Of(server.Certificate, server.Source).DisplayName), 0));
            return (null, null, null);
        }

        var pending = await pendingRequests.Value.LoadMatchingKeyAsync(server.Certificate, cancellationToken);
        if (pending is null)
        {
            findings.Add(new ChainFinding(ChainErrors.KeyMissing, 0));
            return (null, null, null);
        }

        return (pending.Key, pending.Request.Id, $"pending request #{pending.Request.Id} from Generate CSR");
    }

    private static List<KeySummary> KeySummaries(IReadOnlyList<ImportedKey> keys, X509Certificate2? server) =>
        keys.Select(k => new KeySummary(k.Algorithm, k.KeySizeBits, k.Source, server is not null && Matches(k, server) ? Sha256(server) : null)).ToList();

    private static bool Matches(ImportedKey key, X509Certificate2 certificate) =>
        key.SubjectPublicKeyInfo is { } spki && spki.AsSpan().SequenceEqual(certificate.PublicKey.ExportSubjectPublicKeyInfo());

    /// <summary>The examination's own instance (it outlives the imported material); shares the parsed certificate rather than parsing it again.</summary>
    private static X509Certificate2 Copy(X509Certificate2 certificate) => new(certificate);

    private static bool IsSelfIssued(X509Certificate2 certificate) =>
        certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);

    private static string Sha256(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);
}
