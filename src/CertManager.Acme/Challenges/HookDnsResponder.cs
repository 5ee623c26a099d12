using CertManager.Acme.Issuance;
using CertManager.Acme.Protocol;
using CertManager.Core.Install;
using CertManager.Core.Results;

namespace CertManager.Acme.Challenges;

/// <summary>
/// dns-01 through a configured command for any DNS provider (RFC 8555 §8.4): <c>hook add NAME VALUE</c> before the CA
/// is asked, <c>hook remove NAME VALUE</c> afterwards, run without a shell like the reload commands. The hook returns
/// once the record is published; its exit status says whether it worked.
/// </summary>
internal sealed class HookDnsResponder(ReloadCommand hook, TimeSpan timeout) : IAcmeChallengeResponder
{
    public string ChallengeType => AcmeChallenge.Dns01;

    public Task<Result<bool>> PublishAsync(AcmeChallengeAnswer answer, CancellationToken cancellationToken) => RunAsync("add", answer, cancellationToken);

    public Task<Result<bool>> RemoveAsync(AcmeChallengeAnswer answer, CancellationToken cancellationToken) => RunAsync("remove", answer, cancellationToken);

    private async Task<Result<bool>> RunAsync(string action, AcmeChallengeAnswer answer, CancellationToken cancellationToken)
    {
        var outcome = await CommandRunner.RunAsync(hook, [action, answer.DnsName, answer.DnsValue], timeout, cancellationToken);
        if (outcome.Succeeded)
        {
            return Result<bool>.Success(true);
        }

        var what = outcome switch
        {
            { StartError: { } error } => $"could not start: {error}",
            { TimedOut: true } => $"did not finish within {timeout.TotalSeconds:0} s and was stopped",
            _ => $"failed with exit status {outcome.ExitCode}" + (outcome.Output.Length > 0 ? $": {outcome.Output}" : string.Empty),
        };
        return Problem.Error("acme.dns-hook-failed", $"The DNS hook '{hook} {action} {answer.DnsName}' {what}.", "Check the hook's path in CertManager:Acme:Challenges:DnsHook, its credentials for the DNS provider, and run it by hand with the same arguments.");
    }
}
