using CertManager.Core.Events;
using Microsoft.Extensions.Options;

namespace CertManager.Core.Fleet;

/// <summary>
/// On the edge: raises one WARNING event per follower that has fallen behind (not heard from, or not in sync, for
/// longer than <see cref="FleetOptions.BehindAfter"/>) and resolves it when the follower catches up or is removed.
/// </summary>
public sealed class FleetWatch(FollowerRegistry registry, EventRecorder events, IOptions<FleetOptions> options, TimeProvider timeProvider)
{
    internal const string ConditionPrefix = "fleet-behind:";

    /// <summary>The number of followers behind now.</summary>
    public async Task<int> CheckAsync(CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var limit = options.Value.BehindAfter;
        var behind = (await registry.ListAsync(cancellationToken)).Where(f => IsBehind(f, now, limit)).ToDictionary(f => ConditionPrefix + f.Id);
        var open = await events.ListUnresolvedConditionsAsync(ConditionPrefix, cancellationToken);
        var resolve = open.Where(e => !behind.ContainsKey(e.ConditionKey!)).Select(e => e.Id).ToList();
        var raise = behind.Where(b => open.All(e => e.ConditionKey != b.Key)).Select(b => Draft(b.Key, b.Value, limit)).ToList();
        await events.ResolveAndRaiseAsync(resolve, raise, cancellationToken);
        return behind.Count;
    }

    private static bool IsBehind(FollowerSummary follower, DateTimeOffset now, TimeSpan limit) =>
        (follower.LastContact ?? follower.Paired) < now - limit
        || (follower.State is not FollowerState.InSync and not FollowerState.New && follower.Delivered is { } delivered && delivered < now - limit);

    private static EventDraft Draft(string key, FollowerSummary follower, TimeSpan limit)
    {
        var why = follower.State is FollowerState.Held or FollowerState.Refused
            ? $"has not installed the current certificate ({follower.State}: {string.Join(" ", follower.Problems)})"
            : $"was last heard from {(follower.LastContact is { } contact ? contact.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) : "never")}";
        return new EventDraft(EventSeverity.Warning, EventSources.Fleet, $"Server '{follower.Name}' (#{follower.Id}) is behind for more than {limit.TotalMinutes:0} minutes: it {why}.", EventRecorder.SystemActor)
        {
            ConditionKey = key,
            CertificateFingerprint = follower.DeliveredFingerprint,
            Advice = "Open 'Fleet Servers' on the proxy console; see 'When a follower falls behind' in the fleet guide.",
        };
    }
}
