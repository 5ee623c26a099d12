using CertManager.Core.Csr;

namespace CertManager.Acme.Enrollment;

/// <summary>A form that passed validation: the directory, the account registration and the CSR form's normalised names.</summary>
public sealed record AcmeEnrollmentRequest(Uri DirectoryUrl, AcmeRegistration Registration, ValidatedCsrRequest Csr, string ChallengeWay, string? PreferredRoot);
