using CertManager.Core.Accounts;
using CertManager.Core.Events;
using CertManager.Core.Storage;
using CertManager.Core.Tests.Support;
using CertManager.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Core.Tests.Storage;

/// <summary>
/// A page view's snapshot of the data version: kept while only another process commits, read again after any commit
/// of this process (saved changes, a transaction, an <c>ExecuteUpdate</c>), and never used once the view has ended.
/// </summary>
public abstract class DataVersionSnapshotTests(PostgreSqlServer? postgreSql) : IDisposable
{
    private readonly CoreTestHost _host = CoreTestHost.Create(postgreSql: postgreSql);
    private int _reads;

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Read_AnotherProcessCommitsDuringTheSnapshot_SeenOnceItEnds()
    {
        var counter = _host.Get<DatabaseChangeCounter>();
        await RecordAsync("the database exists");
        long during;
        using (DataVersionSnapshot.Begin())
        {
            during = counter.Read();
            await CommitInAnotherProcessAsync();
            Assert.Equal(during, counter.Read());
        }

        Assert.True(counter.Read() > during);
    }

    [Fact]
    public async Task Read_ThisProcessCommitsDuringTheSnapshot_SeenAtOnce()
    {
        var counter = _host.Get<DatabaseChangeCounter>();
        var accounts = _host.Get<UserAccountService>();
        var admin = (await accounts.CreateAsync("snapshot-admin", UserRole.Administrator, "Snapshot-password-123", mustChangePassword: false, "test")).Value;
        var user = (await accounts.CreateAsync("snapshot-user", UserRole.Operator, "Snapshot-password-123", mustChangePassword: false, "test")).Value;
        using var snapshot = DataVersionSnapshot.Begin();

        var first = counter.Read();
        await RecordAsync("saved changes");
        var afterSave = counter.Read();
        await accounts.EndSessionsAsync(user.Id);
        var afterUpdate = counter.Read();
        Assert.True((await accounts.SetDisabledAsync(user.Id, true, admin.UserName)).Succeeded);
        var afterTransaction = counter.Read();

        Assert.True(afterSave > first, "saved changes");
        Assert.True(afterUpdate > afterSave, "ExecuteUpdate");
        Assert.True(afterTransaction > afterUpdate, "a transaction");
    }

    [Fact]
    public async Task GetAsync_ThisProcessCommitsDuringTheSnapshot_ReadsAgain()
    {
        var cache = _host.Get<DatabaseReadCache>();
        using var snapshot = DataVersionSnapshot.Begin();
        Assert.Equal("value 1", await cache.GetAsync("key", ReadAsync));
        Assert.Equal("value 1", await cache.GetAsync("key", ReadAsync));

        await RecordAsync("a commit during the view");

        Assert.Equal("value 2", await cache.GetAsync("key", ReadAsync));
    }

    [Fact]
    public async Task GetAsync_AnotherProcessCommittedBeforeTheSnapshot_ReadsAgain()
    {
        var cache = _host.Get<DatabaseReadCache>();
        Assert.Equal("value 1", await cache.GetAsync("key", ReadAsync));

        await CommitInAnotherProcessAsync();

        using var snapshot = DataVersionSnapshot.Begin();
        Assert.Equal("value 2", await cache.GetAsync("key", ReadAsync));
        Assert.Equal("value 2", await cache.GetAsync("key", ReadAsync));
    }

    [Fact]
    public async Task Read_WorkThatOutlivesTheSnapshot_ReadsTheDatabase()
    {
        var counter = _host.Get<DatabaseChangeCounter>();
        await RecordAsync("the database exists");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long during;
        Task<long> later;
        using (DataVersionSnapshot.Begin())
        {
            during = counter.Read();
            // Carries the snapshot in its execution context, and reads after the view has ended.
            later = Task.Run(async () =>
            {
                await release.Task;
                return counter.Read();
            });
        }

        await CommitInAnotherProcessAsync();
        release.SetResult();

        Assert.True(await later.WaitAsync(TimeSpan.FromSeconds(60)) > during);
    }

    private Task RecordAsync(string message) => _host.Get<EventRecorder>().RecordAsync(EventSeverity.Info, "accounts", message, "system");

    private Task CommitInAnotherProcessAsync()
    {
        // Another process does not share this one's execution context: its services do not see the snapshot.
        using (ExecutionContext.SuppressFlow())
        {
            return Task.Run(async () =>
            {
                await using var otherProcess = _host.CreateProviderOverSameData();
                await otherProcess.GetRequiredService<EventRecorder>().RecordAsync(EventSeverity.Info, "accounts", "elsewhere", "system");
            });
        }
    }

    private Task<string> ReadAsync(CancellationToken cancellationToken) => Task.FromResult($"value {Interlocked.Increment(ref _reads)}");
}

/// <summary>The tests above on SQLite in the data directory.</summary>
public sealed class DataVersionSnapshotSqliteTests() : DataVersionSnapshotTests(null);

/// <summary>The tests above on a PostgreSQL database.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class DataVersionSnapshotPostgreSqlTests(PostgreSqlServer postgreSql) : DataVersionSnapshotTests(postgreSql);
