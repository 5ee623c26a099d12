using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using ARSoft.Tools.Net.Dns.DynamicUpdate;
using CertManager.Acme.Challenges.Dns;
using CertManager.Acme.Issuance;
using CertManager.Acme.Protocol;
using CertManager.Core.Enrollment;
using CertManager.Core.Results;

namespace CertManager.Acme.Challenges;

/// <summary>
/// dns-01 (RFC 8555 §8.4) by RFC 2136 dynamic update signed with TSIG (RFC 8945): the <c>_acme-challenge</c> TXT
/// record is added to the configured zone at its primary server, and the CA is asked only once every authoritative
/// server of the zone serves it (<see cref="DnsPropagationCheck"/>). Removal deletes exactly that record, so the
/// answers of a name and its wildcard can stand side by side. Works with BIND, Knot, PowerDNS and any server that
/// accepts TSIG-signed updates. The secret is wiped when the responder is disposed.
/// </summary>
internal sealed class Rfc2136DnsResponder(AcmeDnsUpdateSettings settings, TimeProvider timeProvider, TimeSpan propagationTimeout, TimeSpan queryTimeout)
    : IAcmeChallengeResponder, IDisposable
{
    /// <summary>Short: the record lives only while the CA validates, and a stale value must not linger in caches.</summary>
    private const int TimeToLive = 60;

    public string ChallengeType => AcmeChallenge.Dns01;

    public async Task<Result<bool>> PublishAsync(AcmeChallengeAnswer answer, CancellationToken cancellationToken)
    {
        var primary = await PrimaryAsync(cancellationToken);
        if (!primary.Succeeded)
        {
            return Result<bool>.Failure(primary.Problems);
        }

        var names = Names(answer);
        if (!names.Succeeded)
        {
            return Result<bool>.Failure(names.Problems);
        }

        var (zone, name) = names.Value;
        var sent = await SendAsync(primary.Value, zone, new AddRecordUpdate(new TxtRecord(name, TimeToLive, answer.DnsValue)), "add", name, cancellationToken);
        if (!sent.Succeeded)
        {
            return sent;
        }

        return await new DnsPropagationCheck(timeProvider, propagationTimeout, queryTimeout).WaitAsync(primary.Value, zone, name, answer.DnsValue, cancellationToken);
    }

    public async Task<Result<bool>> RemoveAsync(AcmeChallengeAnswer answer, CancellationToken cancellationToken)
    {
        var primary = await PrimaryAsync(cancellationToken);
        var names = Names(answer);
        if (!primary.Succeeded || !names.Succeeded)
        {
            return Result<bool>.Failure([.. primary.Problems, .. names.Problems]);
        }

        var (zone, name) = names.Value;
        return await SendAsync(primary.Value, zone, new DeleteRecordUpdate(new TxtRecord(name, 0, answer.DnsValue)), "remove", name, cancellationToken);
    }

    public void Dispose() => AcmeDnsUpdateStore.Forget(settings);

    private async Task<Result<DnsServerClient>> PrimaryAsync(CancellationToken cancellationToken)
    {
        var addresses = await DnsServerClient.ResolveAsync(settings.Server, cancellationToken);
        return addresses.Count == 0
            ? Problem.Error("acme.dns-update-server-unknown", $"The DNS server name '{settings.Server}' does not resolve.", "Enter the primary server's IP address, or a name this host can resolve (certman acme dns-update).")
            : Result<DnsServerClient>.Success(new DnsServerClient(addresses[0], settings.Port, queryTimeout));
    }

    private Result<(DomainName Zone, DomainName Name)> Names(AcmeChallengeAnswer answer)
    {
        var zone = settings.Zone.TrimEnd('.');
        var name = answer.DnsName.TrimEnd('.');
        if (!name.EndsWith("." + zone, StringComparison.OrdinalIgnoreCase))
        {
            return Problem.Error("acme.dns-update-outside-zone", $"The TXT record {name} for '{answer.Identifier}' is not inside the zone {zone} that CertManager updates.", $"Set the zone to the one that holds {answer.Identifier} (certman acme dns-update --zone), or delegate _acme-challenge.{answer.Identifier} to a zone the key may update with a CNAME.");
        }

        return Result<(DomainName, DomainName)>.Success((DomainName.Parse(zone), DomainName.Parse(name)));
    }

    private async Task<Result<bool>> SendAsync(DnsServerClient primary, DomainName zone, UpdateBase update, string action, DomainName name, CancellationToken cancellationToken)
    {
        TsigAlgorithms.TryGet(settings.Algorithm, out var algorithm);
        var message = new DnsUpdateMessage { ZoneName = zone };
        message.Updates.Add(update);
        // RFC 8945 §5.1: signed now, 300 s of fudge for clocks that differ.
        message.TSigOptions = new TSigRecord(DomainName.Parse(settings.KeyName), algorithm, timeProvider.GetUtcNow().UtcDateTime, TimeSpan.FromSeconds(300), message.TransactionID, ReturnCode.NoError, null, settings.Secret);
        DnsUpdateMessage? response;
        try
        {
            response = await primary.SendUpdateAsync(message, cancellationToken);
        }
        catch (Exception exception) when (exception is System.Net.Sockets.SocketException or IOException)
        {
            return Problem.Error("acme.dns-update-unreachable", $"The DNS server {primary} could not be reached to {action} {name}: {exception.Message}", "Check the server address and port (certman acme dns-update) and that this host may reach it on UDP and TCP.");
        }

        if (response is null)
        {
            return Problem.Error("acme.dns-update-unreachable", $"The DNS server {primary} did not answer the update to {action} {name}.", "Check the server address and port (certman acme dns-update) and that this host may reach it on UDP and TCP.");
        }

        return Explain(response, primary, action, name, zone);
    }

    private Result<bool> Explain(DnsUpdateMessage response, DnsServerClient primary, string action, DomainName name, DomainName zone)
    {
        // RFC 8945 §5.3: a key the server does not know or a wrong secret comes back as NOTAUTH with the TSIG error.
        var tsigError = response.TSigOptions?.Error ?? ReturnCode.NoError;
        var key = $"'{settings.KeyName}' ({settings.Algorithm})";
        return (response.ReturnCode, tsigError) switch
        {
            (ReturnCode.NoError, ReturnCode.NoError) => Result<bool>.Success(true),
            (_, ReturnCode.BadKey) => Problem.Error("acme.dns-update-bad-key", $"The DNS server {primary} does not know the TSIG key {key}.", "Enter the key name and algorithm exactly as in the server's configuration (key \"NAME\" { algorithm ...; }), with certman acme dns-update."),
            (_, ReturnCode.BadSig) => Problem.Error("acme.dns-update-bad-key", $"The DNS server {primary} rejected the signature of TSIG key {key}: the secret does not match.", "Copy the key's secret again from the server's configuration (secret \"...\";) and save it with certman acme dns-update."),
            (_, ReturnCode.BadTime) => Problem.Error("acme.dns-update-bad-time", $"The DNS server {primary} rejected the update's time: this host's clock and the server's differ by more than 5 minutes.", "Synchronize both clocks (NTP) and try again."),
            (ReturnCode.NotAuthoritive, _) => Problem.Error("acme.dns-update-bad-key", $"The DNS server {primary} refused TSIG key {key} for the zone {zone} (NOTAUTH): it is not authoritative for the zone, or the key does not match.", "Check the zone name, and the key name, algorithm and secret against the server's configuration (certman acme dns-update)."),
            (ReturnCode.Refused, _) => Problem.Error("acme.dns-update-refused", $"The DNS server {primary} refused to {action} {name}: the key {key} may not update this zone.", $"Allow the key to update TXT records of {zone} on the server (BIND: allow-update {{ key \"{settings.KeyName}\"; }}; or an update-policy grant)."),
            (ReturnCode.NotZone, _) => Problem.Error("acme.dns-update-refused", $"The DNS server {primary} says {name} is not in the zone {zone}.", "Set the zone to the one that holds the name (certman acme dns-update --zone)."),
            _ => Problem.Error("acme.dns-update-failed", $"The DNS server {primary} answered {response.ReturnCode} to the update to {action} {name}.", "Look at the DNS server's log for the reason; the zone and key settings are in certman acme dns-update."),
        };
    }
}
