using CertManager.Core.Events;
using CertManager.Core.Storage;
using CertManager.Testing;

namespace CertManager.Core.Tests.Events;

/// <summary>Callers that find the summary out of date at the same time share one read; a commit or a failed read makes the next caller read again.</summary>
public sealed class EventSummaryCacheReadTests : IDisposable
{
    private static readonly EventSummary Empty = new(0, 0, [], []);
    private readonly CoreTestHost _host = CoreTestHost.Create();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task GetAsync_ManyCallersWhileOneReadRuns_ShareIt()
    {
        await _host.Get<EventRecorder>().RecordAsync(EventSeverity.Info, "accounts", "the database exists", "system");
        var cache = new EventSummaryCache(_host.Get<DatabaseChangeCounter>());
        var reads = 0;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<EventSummary> ReadAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref reads);
            await gate.Task;
            return new EventSummary(7, 7, ["accounts"], []);
        }

        var callers = Enumerable.Range(0, 20).Select(_ => cache.GetAsync(ReadAsync, CancellationToken.None)).ToList();
        gate.SetResult();
        var summaries = await Task.WhenAll(callers);

        Assert.Equal(1, reads);
        Assert.All(summaries, summary => Assert.Same(summaries[0], summary));
        Assert.Same(summaries[0], await cache.GetAsync(ReadAsync, CancellationToken.None));
        Assert.Equal(1, reads);

        await _host.Get<EventRecorder>().RecordAsync(EventSeverity.Info, "accounts", "a commit", "system");
        Assert.NotSame(summaries[0], await cache.GetAsync(ReadAsync, CancellationToken.None));
        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task GetAsync_ReadFailed_NextCallerReadsAgain()
    {
        await _host.Get<EventRecorder>().RecordAsync(EventSeverity.Info, "accounts", "the database exists", "system");
        var cache = new EventSummaryCache(_host.Get<DatabaseChangeCounter>());

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync(_ => throw new InvalidOperationException("the database is locked"), CancellationToken.None));

        Assert.Same(Empty, await cache.GetAsync(_ => Task.FromResult(Empty), CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_CallerCancelled_OthersStillGetTheRead()
    {
        await _host.Get<EventRecorder>().RecordAsync(EventSeverity.Info, "accounts", "the database exists", "system");
        var cache = new EventSummaryCache(_host.Get<DatabaseChangeCounter>());
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<EventSummary> ReadAsync(CancellationToken cancellationToken)
        {
            await gate.Task;
            return Empty;
        }

        using var cancelled = new CancellationTokenSource();
        var first = cache.GetAsync(ReadAsync, cancelled.Token);
        var second = cache.GetAsync(ReadAsync, CancellationToken.None);
        await cancelled.CancelAsync();
        gate.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Same(Empty, await second);
    }
}
