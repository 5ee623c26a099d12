using CertManager.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CertManager.Core.Alerts;

/// <summary>
/// One outbox message taken for sending. On PostgreSQL the row is locked in a transaction of its own
/// (<c>FOR UPDATE SKIP LOCKED</c>) until the result is saved, so the dispatchers of several nodes never send one message
/// twice: a row another node holds, or has sent meanwhile, is skipped. On SQLite one console writes the database and
/// the dispatcher's own gate serialises it; no transaction is held while the message is sent.
/// </summary>
internal sealed class OutboxClaim : IAsyncDisposable
{
    private readonly CertManagerDbContext _context;
    private readonly IDbContextTransaction? _transaction;

    private OutboxClaim(CertManagerDbContext context, IDbContextTransaction? transaction, AlertMessage? message)
    {
        _context = context;
        _transaction = transaction;
        Message = message;
    }

    /// <summary>The message, still unsent; null when it was sent or is held by another node.</summary>
    public AlertMessage? Message { get; }

    public static async Task<OutboxClaim> TakeAsync(CertManagerDbContext context, long id, CancellationToken cancellationToken)
    {
        if (!context.Database.IsNpgsql())
        {
            return new OutboxClaim(context, null, await context.AlertOutbox.FirstOrDefaultAsync(m => m.Id == id && m.SentAt == null, cancellationToken));
        }

        var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var rows = await context.AlertOutbox
            .FromSql($"SELECT * FROM \"AlertOutbox\" WHERE \"Id\" = {id} AND \"SentAt\" IS NULL FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        return new OutboxClaim(context, transaction, rows.SingleOrDefault());
    }

    /// <summary>Saves the message's new state and releases the row.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await _context.SaveChangesAsync(cancellationToken);
        if (_transaction is not null)
        {
            await _transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>Without <see cref="CompleteAsync"/> the row is released unchanged (rolled back) and tried again later.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
        }
    }
}
