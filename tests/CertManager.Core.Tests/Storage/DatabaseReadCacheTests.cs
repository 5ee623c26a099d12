using CertManager.Core.Events;
using CertManager.Core.Storage;
using CertManager.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Core.Tests.Storage;

/// <summary>A value is read once while nothing is committed, and again after any commit, by this process or another.</summary>
public sealed class DatabaseReadCacheTests : IDisposable
{
    private readonly CoreTestHost _host = CoreTestHost.Create();
    private int _reads;

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task GetAsync_NothingCommitted_ReadsOnce()
    {
        var cache = _host.Get<DatabaseReadCache>();

        Assert.Equal("value 1", await cache.GetAsync("key", ReadAsync));
        Assert.Equal("value 1", await cache.GetAsync("key", ReadAsync));

        Assert.Equal(1, _reads);
    }

    [Fact]
    public async Task GetAsync_AfterACommit_ReadsAgain()
    {
        var cache = _host.Get<DatabaseReadCache>();
        Assert.Equal("value 1", await cache.GetAsync("key", ReadAsync));

        await _host.Get<EventRecorder>().RecordAsync(EventSeverity.Info, "accounts", "a commit", "system");

        Assert.Equal("value 2", await cache.GetAsync("key", ReadAsync));
        Assert.Equal("value 2", await cache.GetAsync("key", ReadAsync));
    }

    [Fact]
    public async Task GetAsync_CommitByAnotherProcess_ReadsAgain()
    {
        var cache = _host.Get<DatabaseReadCache>();
        Assert.Equal("value 1", await cache.GetAsync("key", ReadAsync));

        await using (var otherProcess = _host.CreateProviderOverSameData())
        {
            await otherProcess.GetRequiredService<EventRecorder>().RecordAsync(EventSeverity.Info, "accounts", "elsewhere", "system");
        }

        Assert.Equal("value 2", await cache.GetAsync("key", ReadAsync));
    }

    [Fact]
    public async Task GetAsync_NullValueAndTwoKeys_EachKeptOnItsOwn()
    {
        var cache = _host.Get<DatabaseReadCache>();

        Assert.Null(await cache.GetAsync("nothing", ReadNullAsync));
        Assert.Null(await cache.GetAsync("nothing", ReadNullAsync));
        Assert.Equal("value 2", await cache.GetAsync("other", ReadAsync));
        Assert.Equal("value 2", await cache.GetAsync("other", ReadAsync));

        Assert.Equal(2, _reads);
    }

    private Task<string> ReadAsync(CancellationToken cancellationToken) => Task.FromResult($"value {Interlocked.Increment(ref _reads)}");

    private Task<string?> ReadNullAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        return Task.FromResult<string?>(null);
    }
}
