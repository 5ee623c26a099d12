using System.Diagnostics;
using CertManager.Core.Events;
using CertManager.Core.Storage;
using CertManager.Testing;
using Microsoft.Data.Sqlite;

namespace CertManager.Core.Tests.Storage;

/// <summary>
/// The console, certman and the scheduled jobs write the same database from several processes. A write that meets
/// another process's lock waits for it (bounded) instead of failing with "database is locked" after its work is done.
/// </summary>
[Trait(TestDatabase.SqliteOnlyTrait, TestDatabase.SqliteOnly)]
public sealed class DatabaseContentionTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private readonly CoreTestHost _host = CoreTestHost.Create();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task RecordAsync_AnotherProcessReadingWhileTheWriteCommits_WaitsForTheReaderAndCommits()
    {
        var recorder = _host.Get<EventRecorder>();
        await recorder.RecordAsync(EventSeverity.Info, "tests", "the database exists", "system");
        await using var reader = await OpenRawAsync();
        // A read inside an open transaction keeps its shared lock until the transaction ends, as a long read of another process does.
        await ExecuteAsync(reader, "BEGIN");
        await CountEventsAsync(reader);

        // SQLite waits inside its native calls, so the write blocks its thread: run it on another one.
        var write = Task.Run(() => recorder.RecordAsync(EventSeverity.Warning, "tests", "written while another process reads", "system"));
        await WaitUntilAWriterIsWaitingToCommitAsync(write);

        Assert.False(write.IsCompleted, "the write finished while another process still held its read lock");
        await ExecuteAsync(reader, "COMMIT");
        await write.WaitAsync(Bound);
        Assert.Equal(2, await CountEventsAsync(reader));
    }

    /// <summary>
    /// A committing writer first takes SQLite's PENDING lock, which refuses new readers: a fresh connection that cannot
    /// read (within a short command timeout) means the write has reached its commit and waits for the reader.
    /// </summary>
    private async Task WaitUntilAWriterIsWaitingToCommitAsync(Task write)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Bound && !write.IsCompleted)
        {
            await using var probe = await OpenRawAsync();
            probe.DefaultTimeout = 1;
            try
            {
                await CountEventsAsync(probe);
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 5)
            {
                return;
            }
        }

        if (write.IsFaulted)
        {
            await write; // shows the writer's own error
        }

        Assert.Fail($"no writer reached its commit within {Bound.TotalSeconds:0} s");
    }

    private async Task<SqliteConnection> OpenRawAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _host.Get<DataDirectory>().DatabaseFile, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountEventsAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM Events";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
