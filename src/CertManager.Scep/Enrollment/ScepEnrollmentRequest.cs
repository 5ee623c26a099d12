using CertManager.Core.Csr;
using CertManager.Scep.Transport;

namespace CertManager.Scep.Enrollment;

/// <summary>A validated <see cref="ScepEnrollmentForm"/>: where to enroll, what to request, and the pinned CA fingerprint (normalised hex) if any.</summary>
public sealed record ScepEnrollmentRequest(ScepEndpoint Endpoint, ValidatedCsrRequest Csr, string? ExpectedCaFingerprint);
