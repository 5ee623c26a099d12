using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CertManager.Core.Storage.Providers;

/// <summary>
/// Counts what this process wrote through its engine's contexts, after each write: saved changes, committed
/// transactions and statements that change rows without one (<c>ExecuteUpdate</c>, <c>ExecuteDelete</c>, raw SQL).
/// A <see cref="DataVersionSnapshot"/> is only reused while this count is unchanged, so a page view that commits, or
/// that learns of another request's commit in this process, reads the data version again.
/// </summary>
/// <remarks>
/// It may count more than commits (a statement inside a transaction is counted, then its commit): a count too many only
/// costs one more reading of the data version, one too few would keep a stale one.
/// </remarks>
public sealed class LocalCommitCounter : ISaveChangesInterceptor, IDbTransactionInterceptor, IDbCommandInterceptor
{
    private long _count;

    /// <summary>The number of writes counted so far.</summary>
    public long Count => Volatile.Read(ref _count);

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Interlocked.Increment(ref _count);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Interlocked.Increment(ref _count);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return Task.CompletedTask;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Interlocked.Increment(ref _count);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }
}
