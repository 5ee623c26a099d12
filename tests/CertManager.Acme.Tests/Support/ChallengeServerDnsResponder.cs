using CertManager.Acme.Issuance;
using CertManager.Acme.Protocol;
using CertManager.Core.Results;
using CertManager.Testing;

namespace CertManager.Acme.Tests.Support;

/// <summary>
/// dns-01 through pebble-challtestsrv's management API, the way a DNS provider's API would be called. With
/// <paramref name="wrongValue"/> it publishes a TXT value that is not the challenge digest, as a stale or mistyped
/// record would be.
/// </summary>
internal sealed class ChallengeServerDnsResponder(ChallengeTestServer server, string? wrongValue = null) : IAcmeChallengeResponder
{
    public string ChallengeType => AcmeChallenge.Dns01;

    public List<AcmeChallengeAnswer> Published { get; } = [];

    public List<AcmeChallengeAnswer> Removed { get; } = [];

    public async Task<Result<bool>> PublishAsync(AcmeChallengeAnswer answer, CancellationToken cancellationToken)
    {
        await server.SetTxtAsync(answer.DnsName, wrongValue ?? answer.DnsValue);
        Published.Add(answer);
        return Result<bool>.Success(true);
    }

    public async Task<Result<bool>> RemoveAsync(AcmeChallengeAnswer answer, CancellationToken cancellationToken)
    {
        await server.ClearTxtAsync(answer.DnsName);
        Removed.Add(answer);
        return Result<bool>.Success(true);
    }
}
