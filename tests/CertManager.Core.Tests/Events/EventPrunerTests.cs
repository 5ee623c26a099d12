using CertManager.Core.Events;
using CertManager.Core.Tests.Support;
using CertManager.Testing;

namespace CertManager.Core.Tests.Events;

/// <summary>Events are kept for the configured retention, except conditions still in force.</summary>
public abstract class EventPrunerTests(PostgreSqlServer? postgreSql) : IDisposable
{
    private readonly CoreTestHost _host = CoreTestHost.Create(new Dictionary<string, string?> { ["CertManager:Events:Retention"] = "30.00:00:00" }, postgreSql: postgreSql);

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task PruneAsync_EventsOlderThanRetention_DeletedExceptUnresolvedConditions()
    {
        var events = _host.Get<EventRecorder>();
        await events.RecordAsync(EventSeverity.Warning, "accounts", "old event", "system");
        await events.RecordAsync(new EventDraft(EventSeverity.Major, EventSources.Expiry, "old condition still in force", "system") { ConditionKey = "expiry:test" });
        _host.Time.Advance(TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));
        await events.RecordAsync(EventSeverity.Info, "accounts", "recent event", "system");

        var deleted = await _host.Get<EventPruner>().PruneAsync();

        Assert.Equal(1, deleted);
        Assert.Equal(["recent event", "old condition still in force"], (await events.ListRecentAsync(10)).Select(e => e.Message));
    }

    [Fact]
    public void EventOptions_Default_KeepsEventsFor400Days()
    {
        Assert.Equal(TimeSpan.FromDays(400), new EventOptions().Retention);
    }
}

/// <summary>The tests above on SQLite in the data directory.</summary>
public sealed class EventPrunerSqliteTests() : EventPrunerTests(null);

/// <summary>The tests above on a PostgreSQL database.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class EventPrunerPostgreSqlTests(PostgreSqlServer postgreSql) : EventPrunerTests(postgreSql);
