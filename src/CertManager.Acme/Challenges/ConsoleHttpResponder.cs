using CertManager.Acme.Issuance;
using CertManager.Acme.Protocol;
using CertManager.Core.Enrollment;
using CertManager.Core.Results;

namespace CertManager.Acme.Challenges;

/// <summary>
/// http-01 answered by the console itself (RFC 8555 §8.3): the answer is kept in the database, so the console process
/// serves it at <c>/.well-known/acme-challenge/{token}</c> whether the order runs in the console or in <c>certman</c>.
/// Only tokens of orders in progress are served; the answer is removed once the CA decided.
/// </summary>
internal sealed class ConsoleHttpResponder(AcmeStore store, TimeProvider timeProvider, TimeSpan lifetime) : IAcmeChallengeResponder
{
    public string ChallengeType => AcmeChallenge.Http01;

    public async Task<Result<bool>> PublishAsync(AcmeChallengeAnswer answer, CancellationToken cancellationToken)
    {
        await store.AddHttpTokenAsync(answer.Token, answer.KeyAuthorization, timeProvider.GetUtcNow() + lifetime, cancellationToken);
        return Result<bool>.Success(true);
    }

    public async Task<Result<bool>> RemoveAsync(AcmeChallengeAnswer answer, CancellationToken cancellationToken)
    {
        await store.RemoveHttpTokenAsync(answer.Token, cancellationToken);
        return Result<bool>.Success(true);
    }
}
