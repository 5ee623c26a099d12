namespace CertManager.Core.Storage;

/// <summary>
/// Callers of the same read at the same time share one execution of it. A caller joins the next read that starts after
/// it asked, never one already running (which may have begun before a commit the caller has seen), so each gets a
/// result as fresh as its own read would have been. An install wakes every follower at once and each delivery is an
/// event that reads the alert settings: hundreds of the same query became a few.
/// </summary>
internal sealed class SharedRead<T>(Func<CancellationToken, Task<T>> read)
{
    private readonly Lock _lock = new();

    /// <summary>The callers waiting for the read that has not started yet.</summary>
    private TaskCompletionSource<T>? _next;
    private bool _reading;

    public Task<T> ReadAsync(CancellationToken cancellationToken = default)
    {
        TaskCompletionSource<T> waiting;
        bool start;
        lock (_lock)
        {
            _next ??= new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting = _next;
            start = !_reading;
            _reading = true;
        }

        if (start)
        {
            _ = Task.Run(ReadForWaitersAsync, CancellationToken.None);
        }

        return waiting.Task.WaitAsync(cancellationToken);
    }

    private async Task ReadForWaitersAsync()
    {
        while (true)
        {
            TaskCompletionSource<T>? waiting;
            lock (_lock)
            {
                waiting = _next;
                _next = null;
                if (waiting is null)
                {
                    _reading = false;
                    return;
                }
            }

            try
            {
                // Not cancelled by any one caller: the others wait for the same result.
                waiting.TrySetResult(await read(CancellationToken.None));
            }
#pragma warning disable CA1031 // Whatever the read threw is what each of its callers' own read would have thrown.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                waiting.TrySetException(exception);
            }
        }
    }
}
