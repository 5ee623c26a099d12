using CertManager.Core.Csr;
using CertManager.Core.Details;
using CertManager.Core.Results;

namespace CertManager.Cli.Commands;

/// <summary>
/// A generated CSR, whichever way its key went: into a console's store (<see cref="PendingRequestId"/>) or to a
/// file (<see cref="KeyFile"/>).
/// </summary>
internal sealed record CsrOutcome(
    long? PendingRequestId,
    string? KeyFile,
    string Pem,
    string Subject,
    IReadOnlyList<SubjectAlternativeName> AlternateNames,
    string KeyAlgorithm,
    int KeySizeBits,
    string SignatureAlgorithm,
    string PublicKeySha256,
    IReadOnlyList<Problem> Warnings)
{
    public static Result<CsrOutcome> From(Result<GeneratedCsr> result) => result.Succeeded
        ? Result<CsrOutcome>.Success(
            new CsrOutcome(
                result.Value.PendingRequestId,
                KeyFile: null,
                result.Value.Pem,
                result.Value.Subject,
                result.Value.AlternateNames,
                result.Value.KeyAlgorithm,
                result.Value.KeySizeBits,
                result.Value.SignatureAlgorithm,
                result.Value.PublicKeySha256,
                result.Problems))
        : Result<CsrOutcome>.Failure(result.Problems);

    public static Result<CsrOutcome> From(Result<StandaloneCsr> result) => result.Succeeded
        ? Result<CsrOutcome>.Success(
            new CsrOutcome(
                PendingRequestId: null,
                result.Value.KeyFile,
                result.Value.Pem,
                result.Value.Subject,
                result.Value.AlternateNames,
                result.Value.KeyAlgorithm,
                result.Value.KeySizeBits,
                result.Value.SignatureAlgorithm,
                result.Value.PublicKeySha256,
                result.Problems))
        : Result<CsrOutcome>.Failure(result.Problems);
}
