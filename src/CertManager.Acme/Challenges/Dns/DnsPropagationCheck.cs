using System.Net;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using CertManager.Core.Results;

namespace CertManager.Acme.Challenges.Dns;

/// <summary>
/// Waits until every authoritative server of the zone serves the TXT value, before the CA is asked to validate
/// (a CA asks any of them; RFC 8555 §8.4 leaves waiting for propagation to the client). The servers are the zone's
/// NS records as the primary serves them, their addresses from the primary (in-zone names) or the system's resolver,
/// and the primary itself, each asked directly without recursion on the configured port.
/// </summary>
internal sealed class DnsPropagationCheck(TimeProvider timeProvider, TimeSpan timeout, TimeSpan queryTimeout)
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(5);

    public async Task<Result<bool>> WaitAsync(DnsServerClient primary, DomainName zone, DomainName name, string value, CancellationToken cancellationToken)
    {
        var servers = await AuthoritativeServersAsync(primary, zone, cancellationToken);
        var waiting = servers.ToList();
        var started = timeProvider.GetUtcNow();
        var pause = FirstPause;
        while (true)
        {
            var still = new List<DnsServerClient>();
            foreach (var server in waiting)
            {
                if (!await ServesAsync(server, name, value, cancellationToken))
                {
                    still.Add(server);
                }
            }

            waiting = still;
            if (waiting.Count == 0)
            {
                return Result<bool>.Success(true);
            }

            if (timeProvider.GetUtcNow() - started + pause > timeout)
            {
                return Problem.Error(
                    "acme.dns-not-propagated",
                    $"The TXT record {name} was sent to {primary}, but {string.Join(", ", waiting)} did not serve it within {timeout.TotalSeconds:0} s.",
                    $"Check that the zone's secondary servers receive updates from the primary (NOTIFY and zone transfers allowed), that the NS records of {zone} are right, or raise CertManager:Acme:Challenges:DnsPropagationTimeout.");
            }

            await Task.Delay(pause, timeProvider, cancellationToken);
            pause = pause * 2 > LongestPause ? LongestPause : pause * 2;
        }
    }

    private async Task<IReadOnlyList<DnsServerClient>> AuthoritativeServersAsync(DnsServerClient primary, DomainName zone, CancellationToken cancellationToken)
    {
        var addresses = new List<IPAddress> { primary.Address };
        var ns = await primary.AskAsync(zone, RecordType.Ns, cancellationToken);
        foreach (var server in ns?.AnswerRecords.OfType<NsRecord>().Select(r => r.NameServer) ?? [])
        {
            var found = new List<IPAddress>();
            foreach (var type in new[] { RecordType.A, RecordType.Aaaa })
            {
                var answer = await primary.AskAsync(server, type, cancellationToken);
                found.AddRange(answer?.AnswerRecords.OfType<ARecord>().Select(r => r.Address) ?? []);
                found.AddRange(answer?.AnswerRecords.OfType<AaaaRecord>().Select(r => r.Address) ?? []);
            }

            if (found.Count == 0)
            {
                found.AddRange(await DnsServerClient.ResolveAsync(server.ToString().TrimEnd('.'), cancellationToken));
            }

            addresses.AddRange(found);
        }

        return addresses.Distinct().Select(a => new DnsServerClient(a, primary.Port, queryTimeout)).ToList();
    }

    private static async Task<bool> ServesAsync(DnsServerClient server, DomainName name, string value, CancellationToken cancellationToken)
    {
        var answer = await server.AskAsync(name, RecordType.Txt, cancellationToken);
        return answer?.AnswerRecords.OfType<TxtRecord>().Any(r => string.Equals(r.TextData, value, StringComparison.Ordinal)) == true;
    }
}
