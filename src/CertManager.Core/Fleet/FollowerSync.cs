using CertManager.Core.Certificates;
using CertManager.Core.Details;
using CertManager.Core.Events;
using CertManager.Core.Import;
using CertManager.Core.Install;
using CertManager.Core.Results;
using Microsoft.Extensions.Options;

namespace CertManager.Core.Fleet;

/// <summary>
/// One poll on a follower: a long poll for anything newer than what it saw last, then the bundle is verified and opened
/// (<see cref="BundleOpener"/>), examined by this console's own chain doctor (its host names, its trust store) and
/// installed through the same <see cref="CertificateHandoff"/> as SCEP and ACME. Errors refuse the bundle; warnings
/// install or hold it as the edge's policy for this follower says. The outcome and the fingerprint this console's HTTPS
/// port actually presents are reported back.
/// </summary>
public sealed class FollowerSync(
    FollowingStore store,
    EdgeClient client,
    CertificateHandoff handoff,
    ServerCertificateProvider provider,
    IPresentedCertificateProbe probe,
    EventRecorder events,
    IOptions<FleetOptions> options,
    TimeProvider timeProvider)
{
    public const string Actor = "fleet";

    /// <summary>Null when this console follows no proxy.</summary>
    public async Task<SyncOutcome?> SyncOnceAsync(CancellationToken cancellationToken = default)
    {
        using var following = await store.LoadAsync(cancellationToken);
        if (following is null)
        {
            return null;
        }

        // Asks for anything other than what this console presents: a held or refused certificate is offered again at
        // the next poll (after the poll interval), so a fixed trust store or a changed policy takes effect by itself.
        var poll = await client.PollAsync(following, InstalledFingerprint(), options.Value.LongPollWait, cancellationToken);
        if (!poll.Succeeded)
        {
            var failure = new SyncOutcome(false, FollowerState.Refused, poll.Problems[0].Message, null, poll.Problems);
            await store.RecordPollAsync(failure.Message, null, null, timeProvider.GetUtcNow(), cancellationToken);
            return failure;
        }

        var outcome = poll.Value.Bundle is { } bundle
            ? await TakeAsync(bundle, following, poll.Value.Nonce, cancellationToken)
            : new SyncOutcome(true, FollowerState.InSync, "Nothing newer on the proxy.", null, []);
        var presented = await probe.ProbeAsync(cancellationToken);
        var installed = InstalledFingerprint();
        await client.ReportAsync(
            following,
            new FollowerReport(installed, presented?.Sha256Fingerprint, outcome.State, outcome.Problems.Select(p => new ReportedProblem(p.Code, p.Message)).ToList(), presented?.NotAfter, presented?.Subject),
            cancellationToken);
        return outcome;
    }

    private async Task<SyncOutcome> TakeAsync(byte[] message, Following following, string nonce, CancellationToken cancellationToken)
    {
        var opened = BundleOpener.Open(message, following, nonce);
        if (!opened.Succeeded)
        {
            // Nothing about it can be trusted, not even its fingerprint: the next poll asks again.
            return await FinishAsync(FollowerState.Refused, "The proxy's answer was refused before anything was installed.", null, null, opened.Problems, cancellationToken);
        }

        using var bundle = opened.Value;
        using var examination = await handoff.ExamineAsync(bundle.Certificate, bundle.Chain, bundle.Key, new EnrollmentSource(EnrollmentKind.Fleet, following.EdgeUrl.Authority), cancellationToken);
        var reasons = CertificateHandoff.ReasonsToHold(examination);
        if (reasons.Any(r => r.Severity == Severity.Error) || !examination.CanInstall)
        {
            return await FinishAsync(FollowerState.Refused, $"This console's chain doctor refused the proxy's certificate {bundle.Fingerprint}.", bundle.Fingerprint, null, reasons, cancellationToken);
        }

        if (reasons.Count > 0 && !bundle.InstallWithWarnings)
        {
            return await FinishAsync(FollowerState.Held, $"The proxy's certificate {bundle.Fingerprint} is held: its chain doctor found warnings and the proxy's policy for this server is to hold.", bundle.Fingerprint, null, reasons, cancellationToken);
        }

        var installed = await handoff.InstallAsync(examination, warningsConfirmed: true, Actor, cancellationToken);
        if (!installed.Succeeded)
        {
            return await FinishAsync(FollowerState.Refused, $"The proxy's certificate {bundle.Fingerprint} could not be installed.", bundle.Fingerprint, null, installed.Problems, cancellationToken);
        }

        return await FinishAsync(FollowerState.InSync, $"Installed the proxy's certificate {bundle.Fingerprint}.", bundle.Fingerprint, bundle.Fingerprint, reasons, cancellationToken);
    }

    private async Task<SyncOutcome> FinishAsync(FollowerState state, string message, string? seen, string? installed, IReadOnlyList<Problem> problems, CancellationToken cancellationToken)
    {
        var previous = (await store.GetAsync(cancellationToken))?.LastOutcome;
        await store.RecordPollAsync(message, seen, installed, timeProvider.GetUtcNow(), cancellationToken);
        if (previous == message && state != FollowerState.InSync)
        {
            // The same certificate held or refused again: said once, not at every poll.
            return new SyncOutcome(true, state, message, installed, problems);
        }

        var severity = state == FollowerState.InSync ? EventSeverity.Info : EventSeverity.Warning;
        var reasons = problems.Count == 0 ? string.Empty : " " + string.Join(" ", problems.Select(p => $"{p.Message} ({p.Code})"));
        await events.RecordAsync(severity, EventSources.Fleet, message + reasons, Actor, installed ?? seen, cancellationToken);
        return new SyncOutcome(true, state, message, installed, problems);
    }

    private string? InstalledFingerprint()
    {
        var current = provider.Current;
        return current.Origin == CertificateOrigin.SelfSignedDefault
            ? null
            : CertificateDetailsReader.FormatHex(current.Certificate.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256));
    }
}
