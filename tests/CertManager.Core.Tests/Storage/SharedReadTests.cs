using CertManager.Core.Storage;

namespace CertManager.Core.Tests.Storage;

/// <summary><see cref="SharedRead{T}"/>: callers at the same moment share a read, and none gets a read older than its call.</summary>
public sealed class SharedReadTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ReadAsync_CallersWhileAReadRuns_ShareTheNextReadNotTheRunningOne()
    {
        var reads = new List<TaskCompletionSource<int>>();
        var started = new SemaphoreSlim(0);
        var shared = new SharedRead<int>(_ =>
        {
            var read = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (reads)
            {
                reads.Add(read);
            }

            started.Release();
            return read.Task;
        });

        var first = shared.ReadAsync();
        Assert.True(await started.WaitAsync(Limit));
        // These ask while the first read runs: the value it will return may predate what they have seen.
        var later = Enumerable.Range(0, 50).Select(_ => shared.ReadAsync()).ToList();
        reads[0].SetResult(1);
        Assert.Equal(1, await first.WaitAsync(Limit));
        Assert.True(await started.WaitAsync(Limit));
        Assert.All(later, task => Assert.False(task.IsCompleted));

        reads[1].SetResult(2);

        Assert.All(await Task.WhenAll(later).WaitAsync(Limit), value => Assert.Equal(2, value));
        Assert.Equal(2, reads.Count);
    }

    [Fact]
    public async Task ReadAsync_OneAfterAnother_EachReadsAgain()
    {
        var count = 0;
        var shared = new SharedRead<int>(_ => Task.FromResult(Interlocked.Increment(ref count)));

        Assert.Equal(1, await shared.ReadAsync().WaitAsync(Limit));
        Assert.Equal(2, await shared.ReadAsync().WaitAsync(Limit));
    }

    [Fact]
    public async Task ReadAsync_ReadFails_ItsCallersGetTheExceptionAndTheNextCallReadsAgain()
    {
        var fail = true;
        var shared = new SharedRead<int>(_ => fail ? Task.FromException<int>(new InvalidOperationException("database gone")) : Task.FromResult(7));

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => shared.ReadAsync().WaitAsync(Limit));
        Assert.Equal("database gone", exception.Message);
        fail = false;

        Assert.Equal(7, await shared.ReadAsync().WaitAsync(Limit));
    }
}
