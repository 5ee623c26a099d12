using CertManager.Core.Results;

namespace CertManager.Acme.Issuance;

/// <summary>
/// Puts a challenge answer where the CA will look and takes it away afterwards: the console's own HTTP listener, a
/// web-root directory, an RFC 2136 update, a hook command. One implementation per way; the flow does not care which.
/// </summary>
public interface IAcmeChallengeResponder
{
    /// <summary>The challenge type this responder answers: <c>http-01</c> or <c>dns-01</c>.</summary>
    string ChallengeType { get; }

    /// <summary>Publishes the answer and returns once the CA can see it (for DNS: propagated to the authoritative servers).</summary>
    Task<Result<bool>> PublishAsync(AcmeChallengeAnswer answer, CancellationToken cancellationToken);

    /// <summary>Removes the answer; called whatever the outcome. Failures are logged, not fatal.</summary>
    Task<Result<bool>> RemoveAsync(AcmeChallengeAnswer answer, CancellationToken cancellationToken);
}
