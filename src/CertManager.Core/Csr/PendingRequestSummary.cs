using CertManager.Core.Details;

namespace CertManager.Core.Csr;

/// <summary>A pending certificate signing request as the console lists it; never carries key material.</summary>
public sealed record PendingRequestSummary(
    long Id,
    DateTimeOffset Created,
    string CreatedBy,
    string Subject,
    IReadOnlyList<SubjectAlternativeName> AlternateNames,
    int KeySizeBits,
    CsrHashAlgorithm Hash,
    string PublicKeySha256);
