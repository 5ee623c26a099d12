using CertManager.Acme.Enrollment;
using CertManager.Core.Enrollment;
using CertManager.Core.Events;
using Microsoft.Extensions.Logging;

namespace CertManager.Acme.Renewal;

/// <summary>
/// Carries on the orders a restart interrupted, instead of starting over: every order still in progress that this
/// console started before it last started (not one running now, not one a <c>certman</c> process runs) is claimed
/// (one console node only) and continued at its order URL from the step it had reached (RFC 8555 §7.4). An order
/// the CA had not created yet is closed as failed. What is issued ends held; the caller decides whether it installs.
/// </summary>
public sealed class AcmeOrderResumer(AcmeStore store, AcmeEnrollmentService enrollment, EventRecorder events, TimeProvider timeProvider, ILogger<AcmeOrderResumer> logger)
{
    private const string CliActorPrefix = "cli:";
    private readonly DateTimeOffset _started = timeProvider.GetUtcNow();

    /// <summary>Resumes the interrupted orders; returns each with what its continuation gave (the caller disposes successes).</summary>
    public async Task<IReadOnlyList<(AcmeOrderSummary Order, Core.Results.Result<AcmeEnrollment> Outcome)>> ResumeAsync(CancellationToken cancellationToken = default)
    {
        var resumed = new List<(AcmeOrderSummary, Core.Results.Result<AcmeEnrollment>)>();
        foreach (var order in await store.ListInProgressAsync(cancellationToken))
        {
            if (order.Updated >= _started || order.CreatedBy.StartsWith(CliActorPrefix, StringComparison.Ordinal) || enrollment.IsRunning(order.Id)
                || !await store.ClaimAsync(order.Id, order.Updated, timeProvider.GetUtcNow(), cancellationToken))
            {
                continue;
            }

            var names = string.Join(", ", order.Names);
            if (order.OrderUrl is null)
            {
                await store.FinishOrderAsync(order.Id, AcmeOrderStatus.Failed, "The console stopped before the CA created the order; start a new one.", timeProvider.GetUtcNow(), cancellationToken);
                continue;
            }

            AcmeLog.Resuming(logger, order.Id, order.OrderUrl, order.LastStep ?? "start");
            await events.RecordAsync(EventSeverity.Info, AcmeAccountService.EventSource, $"ACME order #{order.Id} for {names} was interrupted by a restart at step '{order.LastStep ?? "start"}'; continuing it at {order.OrderUrl}.", EventRecorder.SystemActor, null, cancellationToken);
            resumed.Add((order, await enrollment.ContinueAsync(order, EventRecorder.SystemActor, null, cancellationToken)));
        }

        return resumed;
    }
}
