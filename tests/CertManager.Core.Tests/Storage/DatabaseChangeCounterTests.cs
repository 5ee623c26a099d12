using CertManager.Core.Events;
using CertManager.Core.Storage;
using CertManager.Core.Tests.Support;
using CertManager.Testing;
using Microsoft.Data.Sqlite;

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

/// <summary>The tests above on SQLite in the data directory, and what only SQLite's file locks can do.</summary>
public sealed class DatabaseChangeCounterSqliteTests() : DatabaseChangeCounterTests(null)
{
    [Fact]
    [Trait(TestDatabase.SqliteOnlyTrait, TestDatabase.SqliteOnly)]
    public async Task Read_WhileAnotherProcessCommits_WaitsForTheLockAndSeesTheCommit()
    {
        using var host = CoreTestHost.Create();
        await host.Get<EventRecorder>().RecordAsync(EventSeverity.Info, "accounts", "the database exists", "system");
        var counter = host.Get<DatabaseChangeCounter>();
        var before = counter.Read();

        // Another writer (certman) in the middle of its commit: SQLite's exclusive lock keeps every reader out.
        await using var writer = new SqliteConnection($"Data Source={Path.Combine(host.DataDirectory, "certmanager.db")};Pooling=False");
        await writer.OpenAsync();
        await using (var begin = writer.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE; INSERT INTO \"Events\" (\"Time\", \"Severity\", \"Source\", \"Message\", \"Actor\") VALUES (0, 'Warning', 'expiry', 'from certman', 'system')";
            await begin.ExecuteNonQueryAsync();
        }

        var reading = Task.Run(counter.Read);
        // Without a busy timeout the reading failed at once ("database is locked"); it is given a second to do so.
        await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(1)));
        Assert.False(reading.IsFaulted, reading.Exception?.InnerException?.Message);
        await using (var commit = writer.CreateCommand())
        {
            commit.CommandText = "COMMIT";
            await commit.ExecuteNonQueryAsync();
        }

        Assert.True(await reading.WaitAsync(TimeSpan.FromSeconds(60)) > before);
        Assert.Equal(1, await host.Get<EventRecorder>().CountActiveAsync());
    }
}

/// <summary>The tests above on a PostgreSQL database.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class DatabaseChangeCounterPostgreSqlTests(PostgreSqlServer postgreSql) : DatabaseChangeCounterTests(postgreSql);
