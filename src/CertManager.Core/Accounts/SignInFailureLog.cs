using System.Globalization;
using System.Text;
using CertManager.Core.Events;
using Microsoft.Extensions.Options;

namespace CertManager.Core.Accounts;

/// <summary>
/// Records failed sign-ins as one event per user name, client address and time window
/// (<see cref="AccountOptions.FailedSignInWindow"/>), counting the failures by reason, instead of one event (and
/// email) per attempt. Failures for existing users are WARNING and alert once per window; failures for unknown user
/// names are INFO, never emailed, and show the typed name escaped: whoever types a name must not be able to fill the
/// log or anyone's mailbox.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A SemaphoreSlim holds nothing to dispose unless its AvailableWaitHandle is used; this one lives as long as the process.")]
internal sealed class SignInFailureLog(EventRecorder events, IOptions<AccountOptions> options, TimeProvider timeProvider)
{
    private const string EventSource = "accounts";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<(string Name, bool Known, string Address, DateTimeOffset Window), Tally> _open = [];

    public async Task RecordAsync(string userName, bool known, string? clientAddress, string reason, CancellationToken cancellationToken)
    {
        Metrics.ConsoleMetrics.SignInFailed(reason);
        var window = options.Value.FailedSignInWindow;
        var now = timeProvider.GetUtcNow();
        var start = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % window.Ticks), TimeSpan.Zero);
        var name = known ? userName : Escape(userName);
        var address = string.IsNullOrEmpty(clientAddress) ? "an unknown address" : clientAddress;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var closed in _open.Keys.Where(k => k.Window < start).ToList())
            {
                _open.Remove(closed);
            }

            var key = (name.ToUpperInvariant(), known, address, start);
            if (!_open.TryGetValue(key, out var tally))
            {
                tally = new Tally();
                _open[key] = tally;
            }

            tally.Add(reason);
            var message = tally.Describe(known ? $"'{name}'" : $"unknown user name '{name}'", address, start, window);
            if (tally.EventId is { } id)
            {
                await events.UpdateMessageAsync(id, message, cancellationToken);
            }
            else
            {
                tally.EventId = await events.RecordAsync(
                    new EventDraft(known ? EventSeverity.Warning : EventSeverity.Info, EventSource, message, EventRecorder.SystemActor)
                    {
                        Advice = "If these attempts were not made by the user, someone may be guessing the password: check the address in the Event Viewer, where the count goes on; the account locks after repeated failures.",
                    },
                    cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A typed name as text that cannot break a line or a quote: control characters and quotes escaped, at most 64 characters.</summary>
    private static string Escape(string typed)
    {
        var text = new StringBuilder();
        foreach (var c in typed.Length <= 64 ? typed : typed[..64])
        {
            text.Append(c switch
            {
                '\r' => "\\r",
                '\n' => "\\n",
                '\t' => "\\t",
                '\'' => "\\'",
                '\\' => "\\\\",
                _ when char.IsControl(c) || char.IsSurrogate(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return text.ToString();
    }

    private sealed class Tally
    {
        private readonly List<(string Reason, int Count)> _reasons = [];

        public long? EventId { get; set; }

        public void Add(string reason)
        {
            var index = _reasons.FindIndex(r => r.Reason == reason);
            if (index < 0)
            {
                _reasons.Add((reason, 1));
            }
            else
            {
                _reasons[index] = (reason, _reasons[index].Count + 1);
            }
        }

        public string Describe(string who, string address, DateTimeOffset start, TimeSpan window)
        {
            var total = _reasons.Sum(r => r.Count);
            var minutes = window.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture);
            var reasons = string.Join(", ", _reasons.Select(r => $"{r.Count} {r.Reason}"));
            return $"{total} failed sign-in{(total == 1 ? string.Empty : "s")} for {who} from {address} in {minutes} minutes "
                + $"({start:HH:mm}-{start + window:HH:mm} UTC): {reasons}.";
        }
    }
}
