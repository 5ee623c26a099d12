using CertManager.Core.Events;
using CertManager.Core.Storage;
using CertManager.Core.Tests.Support;
using CertManager.Testing;

namespace CertManager.Core.Tests.Storage;

/// <summary>The number caches compare: steady while nothing is committed, above every earlier one after a commit, whichever connection reads it.</summary>
public abstract class DatabaseChangeCounterTests(PostgreSqlServer? postgreSql) : IDisposable
{
    private readonly CoreTestHost _host = CoreTestHost.Create(postgreSql: postgreSql);

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Read_ConcurrentReadersAroundACommit_AfterAboveEveryBeforeAndSteadyOtherwise()
    {
        await _host.Get<EventRecorder>().RecordAsync(EventSeverity.Info, "accounts", "the database exists", "system");
        var counter = _host.Get<DatabaseChangeCounter>();
        var before = counter.Read();
        Assert.Equal(before, counter.Read());

        await _host.Get<EventRecorder>().RecordAsync(EventSeverity.Info, "accounts", "a commit", "system");
        // Many at once: the counter opens connections after the commit, whose own data_version numbers are unrelated.
        var after = await ReadConcurrentlyAsync(counter);

        Assert.All(after, number => Assert.True(number > before, $"{number} is not above {before}"));
        Assert.Equal(counter.Read(), counter.Read());
    }

    private static async Task<long[]> ReadConcurrentlyAsync(DatabaseChangeCounter counter)
    {
        using var start = new ManualResetEventSlim();
        var readers = Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
        {
            start.Wait();
            return Enumerable.Range(0, 50).Select(_ => counter.Read()).ToArray();
        })).ToArray();
        start.Set();
        return (await Task.WhenAll(readers)).SelectMany(numbers => numbers).ToArray();
    }
}

/// <summary>The tests above on SQLite in the data directory.</summary>
public sealed class DatabaseChangeCounterSqliteTests() : DatabaseChangeCounterTests(null);

/// <summary>The tests above on a PostgreSQL database.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class DatabaseChangeCounterPostgreSqlTests(PostgreSqlServer postgreSql) : DatabaseChangeCounterTests(postgreSql);
