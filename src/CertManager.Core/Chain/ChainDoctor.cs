using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Certificates;
using CertManager.Core.Csr;
using CertManager.Core.Import;
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
public sealed class ChainDoctor(ChainValidator validator, Lazy<PendingRequestStore> pendingRequests, HostIdentity hostIdentity)
{
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";
    private const string AnyExtendedKeyUsageOid = "2.5.29.37.0";
    private const int MinimumRsaBits = 2048;

    /// <summary>Examines the chain only (<c>certman inspect</c>, <c>certman verify</c>): no key is required.</summary>
    public Task<Examination> ExamineChainAsync(ImportedMaterial material, ChainValidationOptions? options = null, CancellationToken cancellationToken = default) =>
        ExamineAsync(material, options ?? new ChainValidationOptions(), forInstall: false, cancellationToken);

    /// <summary>Examines everything an install needs, including the private key and the RSA rules.</summary>
    public Task<Examination> ExamineForInstallAsync(ImportedMaterial material, CancellationToken cancellationToken = default) =>
        ExamineAsync(material, new ChainValidationOptions(), forInstall: true, cancellationToken);

    private async Task<Examination> ExamineAsync(ImportedMaterial material, ChainValidationOptions options, bool forInstall, CancellationToken cancellationToken)
    {
        var problems = new List<Problem>(material.Problems);
        var cache = new SummaryCache();
        var unique = Deduplicate(material.Certificates, problems, cache);
        var summaries = unique.Select(c => cache.Of(c.Certificate, c.Source)).ToList();
        var server = ChooseServer(unique, material.Keys);
        if (server is null)
        {
            if (unique.Count > 0)
            {
                problems.Add(ChainErrors.NoServerCertificate);
            }

            return new Examination(new ChainReport(summaries, KeySummaries(material.Keys, null), null, [], false, problems), null, null, [], null);
        }

        if (CertificateSummary.IsCertificateAuthorityCertificate(server.Certificate))
        {
            // Only an install must refuse it; verifying such a path (e.g. a CA certificate on its own) is legitimate.
            var name = cache.NameOf(server.Certificate);
            problems.Add(forInstall ? ChainErrors.ServerIsCertificateAuthority(name) : ChainErrors.ServerIsCertificateAuthority(name) with { Severity = Severity.Info });
        }

        var others = unique.Where(c => c != server).ToList();
        var path = validator.Validate(server.Certificate, others.Select(c => c.Certificate), options, cache);
        problems.AddRange(path.Problems);
        var chain = DescribeChain(path, unique, cache);
        var intermediates = TidyBundle(path, others, problems, cache);
        CheckServerCertificate(server.Certificate, path, options, problems, cache);

        RSA? key = null;
        long? pendingRequestId = null;
        string? keySource = null;
        if (forInstall)
        {
            (key, pendingRequestId, keySource) = await FindKeyAsync(server, material.Keys, problems, cache, cancellationToken);
        }

        var keys = KeySummaries(material.Keys, server.Certificate);
        if (keySource is not null)
        {
            keys = [.. keys, new KeySummary("RSA", key!.KeySize, keySource, Sha256(server.Certificate))];
        }

        var report = new ChainReport(summaries, keys, cache.Of(server.Certificate, server.Source), chain, path.IsValid, problems);
        // Copies the examination owns, like the key: the imported material may be disposed before the install is confirmed.
        return new Examination(report, Copy(server.Certificate), key, [.. intermediates.Select(Copy)], pendingRequestId);
    }

    private static List<ImportedCertificate> Deduplicate(IReadOnlyList<ImportedCertificate> certificates, List<Problem> problems, SummaryCache cache)
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
                problems.Add(ChainErrors.Duplicate(cache.Of(certificate.Certificate, certificate.Source).DisplayName));
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

    private static List<ChainLink> DescribeChain(PathValidation path, List<ImportedCertificate> uploaded, SummaryCache cache)
    {
        var uploadedFingerprints = uploaded.Select(c => Sha256(c.Certificate)).ToHashSet(StringComparer.Ordinal);
        var links = new List<ChainLink>();
        for (var index = 0; index < path.Elements.Count; index++)
        {
            var element = path.Elements[index];
            var role = index == 0 ? ChainLinkRole.Server : IsSelfIssued(element.Certificate) ? ChainLinkRole.Root : ChainLinkRole.Intermediate;
            var source = uploadedFingerprints.Contains(Sha256(element.Certificate)) ? "uploaded" : "trust store";
            links.Add(new ChainLink(
                cache.Of(element.Certificate, source),
                role,
                Sent: role != ChainLinkRole.Root,
                Status: element.StatusText.Length == 0 ? "OK" : element.StatusText));
        }

        return links;
    }

    /// <summary>The intermediates to send, in chain order; reports what was reordered or dropped.</summary>
    private static List<X509Certificate2> TidyBundle(PathValidation path, List<ImportedCertificate> others, List<Problem> problems, SummaryCache cache)
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
            else if (onPath.Any(c => Sha256(c) == fingerprint))
            {
                problems.Add(ChainErrors.RootDropped(name));
            }
            else
            {
                problems.Add(ChainErrors.Unrelated(name));
            }
        }

        if (!uploadedOrder.SequenceEqual(intermediateFingerprints.Where(uploadedOrder.Contains)))
        {
            problems.Add(ChainErrors.Reordered());
        }

        return intermediates;
    }

    private void CheckServerCertificate(X509Certificate2 server, PathValidation path, ChainValidationOptions options, List<Problem> problems, SummaryCache cache)
    {
        for (var index = 0; index < path.Elements.Count; index++)
        {
            var certificate = path.Elements[index].Certificate;
            if (!IsSelfIssued(certificate) && certificate.SignatureAlgorithm.Value is "1.2.840.113549.1.1.5" or "1.2.840.10045.4.1")
            {
                problems.Add(ChainErrors.Sha1Signature(index + 1, cache.Of(certificate, string.Empty).DisplayName));
            }
        }

        var summary = cache.Of(server, string.Empty);
        if (!server.Extensions.Any(e => e.Oid?.Value == "2.5.29.17"))
        {
            problems.Add(ChainErrors.NoSubjectAltName);
        }

        var usages = server.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault()?.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value).ToList();
        if (usages is not null && !usages.Contains(ServerAuthOid) && !usages.Contains(AnyExtendedKeyUsageOid))
        {
            problems.Add(ChainErrors.NoServerAuth);
        }

        var hosts = options.HostNames.Count > 0 ? options.HostNames : [hostIdentity.FullyQualifiedName];
        foreach (var host in hosts.Where(h => !HostNameMatcher.Covers(summary.AlternateNames, h)))
        {
            problems.Add(ChainErrors.HostNotCovered(host));
        }
    }

    private async Task<(RSA? Key, long? PendingRequestId, string? PendingSource)> FindKeyAsync(
        ImportedCertificate server, IReadOnlyList<ImportedKey> keys, List<Problem> problems, SummaryCache cache, CancellationToken cancellationToken)
    {
        var (algorithm, bits) = Details.CertificateDetailsReader.DescribeKey(server.Certificate);
        if (algorithm != "RSA")
        {
            problems.Add(ChainErrors.NotRsa(algorithm));
            return (null, null, null);
        }

        if (bits < MinimumRsaBits)
        {
            problems.Add(ChainErrors.KeyTooSmall(bits));
            return (null, null, null);
        }

        if (keys.Count > 0)
        {
            var match = keys.FirstOrDefault(k => Matches(k, server.Certificate));
            if (match?.Key is RSA rsa)
            {
                // A copy the examination owns, so the imported material can be disposed independently.
                var copy = RSA.Create();
                copy.ImportParameters(rsa.ExportParameters(includePrivateParameters: true));
                return (copy, null, null);
            }

            problems.Add(ChainErrors.KeyMismatch(cache.Of(server.Certificate, server.Source).DisplayName));
            return (null, null, null);
        }

        var pending = await pendingRequests.Value.LoadMatchingKeyAsync(server.Certificate, cancellationToken);
        if (pending is null)
        {
            problems.Add(ChainErrors.KeyMissing);
            return (null, null, null);
        }

        return (pending.Key, pending.Request.Id, $"pending request #{pending.Request.Id} from Generate CSR");
    }

    private static List<KeySummary> KeySummaries(IReadOnlyList<ImportedKey> keys, X509Certificate2? server) =>
        keys.Select(k => new KeySummary(k.Algorithm, k.KeySizeBits, k.Source, server is not null && Matches(k, server) ? Sha256(server) : null)).ToList();

    private static bool Matches(ImportedKey key, X509Certificate2 certificate) =>
        key.SubjectPublicKeyInfo is { } spki && spki.AsSpan().SequenceEqual(certificate.PublicKey.ExportSubjectPublicKeyInfo());

    private static X509Certificate2 Copy(X509Certificate2 certificate) => X509CertificateLoader.LoadCertificate(certificate.RawDataMemory.Span);

    private static bool IsSelfIssued(X509Certificate2 certificate) =>
        certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);

    private static string Sha256(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);
}
