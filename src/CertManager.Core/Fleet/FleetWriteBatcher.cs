using CertManager.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CertManager.Core.Fleet;

/// <summary>
/// On the edge: the database writes of followers' requests (the nonce and contact of each request, each delivery with
/// its audit event, each report), committed in groups. An install wakes every follower's long poll at once; with one
/// commit per write (SQLite commits one at a time, each with its own fsyncs), 500 followers waited minutes for the
/// database. Every request still waits until its own write is committed, so nothing is answered before it is durable;
/// the writes that arrive while one commit runs share the next. A group whose commit fails is written again one by
/// one, so that one bad write fails alone.
/// </summary>
public sealed class FleetWriteBatcher(IDbContextFactory<CertManagerDbContext> contextFactory)
{
    private readonly Lock _lock = new();
    private List<Pending> _queue = [];
    private bool _writing;

    /// <summary>Runs <paramref name="write"/> in the next group's transaction and completes after its commit.</summary>
    internal Task<T> WriteAsync<T>(Func<CertManagerDbContext, CancellationToken, Task<T>> write, CancellationToken cancellationToken = default)
    {
        var pending = new Pending<T>(write);
        bool start;
        lock (_lock)
        {
            _queue.Add(pending);
            start = !_writing;
            _writing = true;
        }

        if (start)
        {
            _ = Task.Run(WriteGroupsAsync, CancellationToken.None);
        }

        // A request that gives up still has its write committed: the caller learns nothing, the database stays whole.
        return pending.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteGroupsAsync()
    {
        while (true)
        {
            List<Pending> group;
            lock (_lock)
            {
                if (_queue.Count == 0)
                {
                    _writing = false;
                    return;
                }

                group = _queue;
                _queue = [];
            }

            await CommitAsync(group);
        }
    }

    private async Task CommitAsync(List<Pending> group)
    {
        try
        {
            await using var context = await contextFactory.CreateDbContextAsync();
            await using var transaction = await context.Database.BeginTransactionAsync();
            foreach (var pending in group)
            {
                await pending.ApplyAsync(context);
            }

            await context.SaveChangesAsync();
            await transaction.CommitAsync();
            group.ForEach(p => p.Complete());
        }
#pragma warning disable CA1031 // Whatever failed is handed to the request(s) that wrote it, as their own call would have thrown it.
        catch (Exception) when (group.Count > 1)
        {
            foreach (var pending in group)
            {
                await CommitAsync([pending]);
            }
        }
        catch (Exception exception)
#pragma warning restore CA1031
        {
            group[0].Fail(exception);
        }
    }

    private abstract class Pending
    {
        public abstract Task ApplyAsync(CertManagerDbContext context);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class Pending<T>(Func<CertManagerDbContext, CancellationToken, Task<T>> write) : Pending
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;

        public Task<T> Task => _done.Task;

        public override async Task ApplyAsync(CertManagerDbContext context) => _result = await write(context, CancellationToken.None);

        public override void Complete() => _done.TrySetResult(_result);

        public override void Fail(Exception exception) => _done.TrySetException(exception);
    }
}
