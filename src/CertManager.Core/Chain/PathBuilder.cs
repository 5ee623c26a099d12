using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Chain.NameConstraints;

namespace CertManager.Core.Chain;

/// <summary>
/// Builds every candidate path from a server certificate to a trust anchor out of the uploaded bundle and the trusted
/// roots, backtracking where several certificates could be the issuer (cross-signed roots, renewed intermediates,
/// an expired or constrained alternative), as RFC 4158 describes. Issuers are found by name and ranked by key
/// identifier (RFC 5280 §4.2.1.1/§4.2.1.2) and a signature check; the platform validator then judges each path.
/// Hostile bundles (many certificates with one subject, loops) are bounded in depth, paths and signature checks.
/// </summary>
internal static class PathBuilder
{
    /// <summary>Certificates on one path; longer than any client follows (see the chain.too-long rule) so that it can be reported.</summary>
    public const int MaxDepth = 10;

    /// <summary>Paths handed to the platform validator at most.</summary>
    public const int MaxPaths = 8;

    /// <summary>Signature checks of candidate issuers per build, against bundles of many same-named certificates.</summary>
    public const int MaxSignatureChecks = 200;

    public static List<PathCandidate> Build(X509Certificate2 leaf, IEnumerable<X509Certificate2> bundle, IEnumerable<X509Certificate2> anchors)
    {
        var search = new Search();
        foreach (var anchor in anchors)
        {
            search.Add(anchor, isAnchor: true);
        }

        foreach (var certificate in bundle)
        {
            search.Add(certificate, isAnchor: false);
        }

        var start = search.NodeFor(leaf);
        search.Extend([start]);
        return search.Paths;
    }

    private sealed class Node(X509Certificate2 certificate, string thumbprint, bool isAnchor)
    {
        public X509Certificate2 Certificate { get; } = certificate;

        public string Thumbprint { get; } = thumbprint;

        public bool IsAnchor { get; set; } = isAnchor;

        /// <summary>Names chain by RFC 5280 §7.1 comparison, not byte for byte (PKITS 4.3: spacing, case, string types).</summary>
        public string Subject { get; } = DistinguishedNames.CanonicalKey(certificate.SubjectName.RawData);

        public string Issuer { get; } = DistinguishedNames.CanonicalKey(certificate.IssuerName.RawData);

        public byte[]? SubjectKeyId { get; } = certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault()?.SubjectKeyIdentifierBytes.ToArray();

        public byte[]? AuthorityKeyId { get; } = certificate.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().FirstOrDefault()?.KeyIdentifier?.ToArray();

        public bool IsSelfIssued => Subject == Issuer;
    }

    private sealed class Search
    {
        private readonly Dictionary<string, Node> _byThumbprint = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<Node>> _bySubject = new(StringComparer.Ordinal);
        private readonly Dictionary<(string, string), SignatureOutcome> _signatures = [];
        private int _signatureChecks;

        public List<PathCandidate> Paths { get; } = [];

        public void Add(X509Certificate2 certificate, bool isAnchor)
        {
            var thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
            if (_byThumbprint.TryGetValue(thumbprint, out var existing))
            {
                // An uploaded copy of a trusted root is that root.
                existing.IsAnchor |= isAnchor;
                return;
            }

            var node = new Node(certificate, thumbprint, isAnchor);
            _byThumbprint[thumbprint] = node;
            if (!_bySubject.TryGetValue(node.Subject, out var sameSubject))
            {
                _bySubject[node.Subject] = sameSubject = [];
            }

            sameSubject.Add(node);
        }

        public Node NodeFor(X509Certificate2 leaf)
        {
            var thumbprint = leaf.GetCertHashString(HashAlgorithmName.SHA256);
            return _byThumbprint.TryGetValue(thumbprint, out var node) ? node : new Node(leaf, thumbprint, isAnchor: false);
        }

        public void Extend(List<Node> path)
        {
            if (Paths.Count >= MaxPaths)
            {
                return;
            }

            var current = path[^1];
            if (current.IsAnchor || path.Count >= MaxDepth)
            {
                Emit(path, current.IsAnchor);
                return;
            }

            var issuers = IssuersOf(current, path);
            if (issuers.Count == 0)
            {
                Emit(path, anchored: false);
                return;
            }

            foreach (var issuer in issuers)
            {
                path.Add(issuer);
                Extend(path);
                path.RemoveAt(path.Count - 1);
            }
        }

        private void Emit(List<Node> path, bool anchored) => Paths.Add(new PathCandidate(path.Select(n => n.Certificate).ToList(), anchored));

        /// <summary>
        /// Certificates named as the issuer, not already on the path: those whose key verifies the signature first (then
        /// those the check cannot judge), trusted roots and matching key identifiers before others, then the one valid
        /// longest. Only when no candidate verifies are the failing ones kept, so that the validator can name the bad signature.
        /// </summary>
        private List<Node> IssuersOf(Node child, List<Node> path)
        {
            if (!_bySubject.TryGetValue(child.Issuer, out var named))
            {
                return [];
            }

            var candidates = named
                .Where(n => !path.Any(p => p.Thumbprint == n.Thumbprint))
                .OrderByDescending(n => n.IsAnchor)
                .ThenByDescending(n => KeyIdentifierMatches(child, n))
                .ThenByDescending(n => n.Certificate.NotAfter)
                .ToList();
            if (candidates.Count <= 1)
            {
                // Nothing to choose between (the common case): the platform validator checks the signature anyway.
                return candidates;
            }

            var verified = new List<Node>();
            var unknown = new List<Node>();
            var failed = new List<Node>();
            foreach (var candidate in candidates)
            {
                switch (Signature(child, candidate))
                {
                    case SignatureOutcome.Verified:
                        verified.Add(candidate);
                        break;
                    case SignatureOutcome.Unknown:
                        unknown.Add(candidate);
                        break;
                    default:
                        failed.Add(candidate);
                        break;
                }
            }

            return verified.Count + unknown.Count > 0 ? [.. verified, .. unknown] : failed.Take(1).ToList();
        }

        private SignatureOutcome Signature(Node child, Node issuer)
        {
            var key = (child.Thumbprint, issuer.Thumbprint);
            if (_signatures.TryGetValue(key, out var outcome))
            {
                return outcome;
            }

            if (_signatureChecks >= MaxSignatureChecks)
            {
                return SignatureOutcome.Failed;
            }

            _signatureChecks++;
            outcome = SignatureCheck.Verify(child.Certificate, issuer.Certificate);
            _signatures[key] = outcome;
            return outcome;
        }

        private static bool KeyIdentifierMatches(Node child, Node issuer) =>
            child.AuthorityKeyId is { } aki && issuer.SubjectKeyId is { } ski && aki.AsSpan().SequenceEqual(ski);
    }
}
