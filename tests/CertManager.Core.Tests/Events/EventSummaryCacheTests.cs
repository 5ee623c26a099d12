using CertManager.Core.Events;
using CertManager.Core.Tests.Support;
using CertManager.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Core.Tests.Events;

/// <summary>The active count, the source list and the unfiltered total are cached; every change, by this process or another, shows at once.</summary>
public abstract class EventSummaryCacheTests(PostgreSqlServer? postgreSql) : IDisposable
{
    private readonly CoreTestHost _host = CoreTestHost.Create(new Dictionary<string, string?> { ["CertManager:Events:Retention"] = "30.00:00:00" }, postgreSql: postgreSql);

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task CountActiveAsync_AfterRecordAcknowledgeAndResolve_FollowsEachChange()
    {
        var events = _host.Get<EventRecorder>();
        Assert.Equal(0, await events.CountActiveAsync());

        var warning = await events.RecordAsync(new EventDraft(EventSeverity.Warning, "accounts", "a warning", "system"));
        await events.RecordAsync(new EventDraft(EventSeverity.Major, EventSources.Expiry, "expires soon", "system") { ConditionKey = "expiry:summary-test" });
        await events.RecordAsync(EventSeverity.Info, "csr", "information is never active", "system");
        Assert.Equal(2, await events.CountActiveAsync());

        await events.AcknowledgeAsync(warning, "alice");
        Assert.Equal(1, await events.CountActiveAsync());

        var condition = Assert.Single(await events.ListUnresolvedConditionsAsync("expiry:"));
        await events.ResolveAndRaiseAsync([condition.Id], []);
        Assert.Equal(0, await events.CountActiveAsync());
    }

    [Fact]
    public async Task ListSourcesAndTotal_AfterRecordAndPrune_FollowEachChange()
    {
        var events = _host.Get<EventRecorder>();
        await events.RecordAsync(EventSeverity.Info, "accounts", "old", "system");
        Assert.Equal(["accounts"], await events.ListSourcesAsync());

        _host.Time.Advance(TimeSpan.FromDays(31));
        await events.RecordAsync(EventSeverity.Warning, "export", "recent", "system");
        Assert.Equal(["accounts", "export"], await events.ListSourcesAsync());
        Assert.Equal(2, (await events.QueryAsync(new EventQuery())).TotalCount);

        Assert.Equal(1, await _host.Get<EventPruner>().PruneAsync());

        Assert.Equal(["export"], await events.ListSourcesAsync());
        var page = await events.QueryAsync(new EventQuery());
        Assert.Equal(1, page.TotalCount);
        Assert.Equal("recent", Assert.Single(page.Items).Message);
    }

    [Fact]
    public async Task CountActiveAsync_EventFromAnotherProcess_ShowsAtOnce()
    {
        var events = _host.Get<EventRecorder>();
        Assert.Equal(0, await events.CountActiveAsync());
        await using (var otherProcess = _host.CreateProviderOverSameData())
        {
            await otherProcess.GetRequiredService<EventRecorder>().RecordAsync(EventSeverity.Major, EventSources.Expiry, "from certman check-expiry", "system");
        }

        Assert.Equal(1, await events.CountActiveAsync());
        Assert.Equal(1, (await events.QueryAsync(new EventQuery())).TotalCount);
    }

    [Fact]
    public async Task QueryAsync_FirstPageAfterChangesFromAnotherProcess_ShowsThemAtOnce()
    {
        var events = _host.Get<EventRecorder>();
        for (var i = 0; i < EventQuery.DefaultPageSize + 5; i++)
        {
            await events.RecordAsync(EventSeverity.Warning, "accounts", $"event {i}", "system");
        }

        var before = await events.QueryAsync(new EventQuery());
        Assert.Equal(EventQuery.DefaultPageSize, before.Items.Count);
        Assert.Equal("event 29", before.Items[0].Message);
        Assert.All(before.Items, e => Assert.True(e.IsActive));

        await using (var otherProcess = _host.CreateProviderOverSameData())
        {
            var certman = otherProcess.GetRequiredService<EventRecorder>();
            Assert.True(await certman.AcknowledgeAsync(before.Items[1].Id, "bob"));
            await certman.RecordAsync(EventSeverity.Major, EventSources.Expiry, "from certman check-expiry", "system");
        }

        var after = await events.QueryAsync(new EventQuery());
        Assert.Equal(["from certman check-expiry", "event 29", "event 28"], after.Items.Take(3).Select(e => e.Message));
        Assert.Equal("bob", after.Items[2].AcknowledgedBy);
        Assert.Equal(EventQuery.DefaultPageSize + 6, after.TotalCount);
        Assert.Equal(EventQuery.DefaultPageSize + 5, await events.CountActiveAsync());
        Assert.Equal(after.Items, (await events.QueryAsync(new EventQuery { PageSize = 100 })).Items.Take(EventQuery.DefaultPageSize));
    }

    [Fact]
    public async Task ListSourcesAsync_RepeatedAndNewSources_ListsEachOnceInOrder()
    {
        var events = _host.Get<EventRecorder>();
        foreach (var source in new[] { "scep", "accounts", "scep", "zeta", "acme", "accounts", "a" })
        {
            await events.RecordAsync(EventSeverity.Info, source, "an event", "system");
        }

        Assert.Equal(["a", "accounts", "acme", "scep", "zeta"], await events.ListSourcesAsync());

        await using (var otherProcess = _host.CreateProviderOverSameData())
        {
            await otherProcess.GetRequiredService<EventRecorder>().RecordAsync(EventSeverity.Info, "fleet", "from another writer", "system");
        }

        Assert.Equal(["a", "accounts", "acme", "fleet", "scep", "zeta"], await events.ListSourcesAsync());
    }

    [Fact]
    public async Task QueryAsync_KeysetPages_MatchTheNumberedPages()
    {
        var events = _host.Get<EventRecorder>();
        for (var i = 0; i < 7; i++)
        {
            await events.RecordAsync(EventSeverity.Info, "accounts", $"event {i}", "system");
        }

        var first = await events.QueryAsync(new EventQuery { PageSize = 3 });
        var second = await events.QueryAsync(new EventQuery { PageSize = 3, Page = 1, BeforeId = first.Items[^1].Id });
        var third = await events.QueryAsync(new EventQuery { PageSize = 3, Page = 2, BeforeId = second.Items[^1].Id });
        var backToSecond = await events.QueryAsync(new EventQuery { PageSize = 3, Page = 1, AfterId = third.Items[0].Id });

        Assert.Equal(["event 6", "event 5", "event 4"], first.Items.Select(e => e.Message));
        Assert.Equal((await events.QueryAsync(new EventQuery { PageSize = 3, Page = 1 })).Items, second.Items);
        Assert.Equal(["event 0"], third.Items.Select(e => e.Message));
        Assert.Equal(second.Items, backToSecond.Items);
        Assert.Equal(7, third.TotalCount);
    }
}

/// <summary>The tests above on SQLite in the data directory.</summary>
public sealed class EventSummaryCacheSqliteTests() : EventSummaryCacheTests(null);

/// <summary>The tests above on a PostgreSQL database.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class EventSummaryCachePostgreSqlTests(PostgreSqlServer postgreSql) : EventSummaryCacheTests(postgreSql);
