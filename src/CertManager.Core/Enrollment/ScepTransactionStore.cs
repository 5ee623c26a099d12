using System.Formats.Asn1;
using System.Security.Cryptography;
using CertManager.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CertManager.Core.Enrollment;

/// <summary>
/// The SCEP transactions a CA answered PENDING, kept across restarts with their request key encrypted at rest.
/// Every change of status is a conditional update (only from the status it leaves), so a poll that returns while
/// an administrator cancels cannot bring a cancelled transaction back.
/// </summary>
public sealed class ScepTransactionStore(IDbContextFactory<CertManagerDbContext> contextFactory, KeyProtector keyProtector)
{
    /// <summary>Binds the encrypted request keys to this use, so they cannot be swapped for another kind of key.</summary>
    internal const string KeyPurpose = "scep-pending-key";

    public Task<ScepTransactionSummary> AddAsync(NewScepTransaction transaction, RSA key, string actor, DateTimeOffset now, DateTimeOffset firstPoll, CancellationToken cancellationToken = default) =>
        SaveNewAsync(Entity(transaction, key, actor, now, firstPoll), cancellationToken);

    /// <summary>
    /// Keeps a certificate the CA issued at once but that is not installed now (a renewal held for an administrator,
    /// or one the chain doctor questions): stored as <see cref="ScepTransactionStatus.Issued"/> with its request key
    /// encrypted, so that it is installed later through <c>ScepTransactionPoller.InstallIssuedAsync</c>.
    /// </summary>
    public Task<ScepTransactionSummary> AddIssuedAsync(NewScepTransaction transaction, RSA key, IEnumerable<byte[]> certificates, string outcome, string actor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var entity = Entity(transaction, key, actor, now, now);
        entity.Status = ScepTransactionStatus.Issued;
        entity.IssuedCertificates = [.. certificates.SelectMany(c => c)];
        entity.Outcome = outcome;
        return SaveNewAsync(entity, cancellationToken);
    }

    /// <summary>The open (pending or issued and held) renewal transaction of a SCEP source, or null.</summary>
    public async Task<ScepTransactionSummary?> FindOpenRenewalAsync(long sourceId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var open = await context.ScepTransactions
            .Where(t => t.RenewalOfSourceId == sourceId && (t.Status == ScepTransactionStatus.Pending || t.Status == ScepTransactionStatus.Issued))
            .OrderByDescending(t => t.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return open is null ? null : ToSummary(open);
    }

    private async Task<ScepTransactionSummary> SaveNewAsync(ScepTransaction entity, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        context.ScepTransactions.Add(entity);
        await context.SaveChangesAsync(cancellationToken);
        return ToSummary(entity);
    }

    private ScepTransaction Entity(NewScepTransaction transaction, RSA key, string actor, DateTimeOffset now, DateTimeOffset firstPoll)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(key);
        var pkcs8 = key.ExportPkcs8PrivateKey();
        byte[] encrypted;
        try
        {
            encrypted = keyProtector.Protect(pkcs8, KeyPurpose);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }

        return new ScepTransaction
        {
            EndpointUrl = transaction.Endpoint.ToString(),
            Capabilities = string.Join('\n', transaction.Capabilities),
            CaCertificates = [.. transaction.CaCertificates.SelectMany(c => c)],
            CaName = transaction.CaName,
            TransactionId = transaction.TransactionId,
            SignerCertificate = transaction.SignerCertificate,
            EncryptedPrivateKey = encrypted,
            Csr = transaction.Csr,
            Subject = transaction.Subject,
            LastSenderNonce = transaction.SenderNonce,
            Created = now,
            CreatedBy = actor,
            NextPoll = firstPoll,
            Status = ScepTransactionStatus.Pending,
            RenewalOfSourceId = transaction.RenewalOfSourceId,
        };
    }

    /// <summary>Pending transactions and issued ones waiting for install, newest first.</summary>
    public async Task<IReadOnlyList<ScepTransactionSummary>> ListOpenAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var open = await context.ScepTransactions
            .Where(t => t.Status == ScepTransactionStatus.Pending || t.Status == ScepTransactionStatus.Issued)
            .OrderByDescending(t => t.Id)
            .ToListAsync(cancellationToken);
        return open.Select(ToSummary).ToList();
    }

    /// <summary>The pending transactions whose next poll is due at <paramref name="now"/>, oldest first.</summary>
    public async Task<IReadOnlyList<long>> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.ScepTransactions
            .Where(t => t.Status == ScepTransactionStatus.Pending && t.NextPoll <= now)
            .OrderBy(t => t.Id)
            .Select(t => t.Id)
            .ToListAsync(cancellationToken);
    }

    public async Task<ScepTransactionSummary?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var entity = await context.ScepTransactions.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        return entity is null ? null : ToSummary(entity);
    }

    /// <summary>The transaction with its request key decrypted (null once over). The decrypted PKCS#8 buffer is zeroed at once.</summary>
    public async Task<StoredScepTransaction?> LoadAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var entity = await context.ScepTransactions.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (entity is null)
        {
            return null;
        }

        RSA? key = null;
        if (entity.EncryptedPrivateKey.Length > 0)
        {
            var pkcs8 = keyProtector.Unprotect(entity.EncryptedPrivateKey, KeyPurpose);
            key = RSA.Create();
            try
            {
                key.ImportPkcs8PrivateKey(pkcs8, out _);
            }
            catch
            {
                key.Dispose();
                throw;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(pkcs8);
            }
        }

        return new StoredScepTransaction(
            ToSummary(entity),
            entity.Capabilities.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            SplitDer(entity.CaCertificates),
            entity.SignerCertificate,
            entity.IssuedCertificates is null ? [] : SplitDer(entity.IssuedCertificates),
            key);
    }

    /// <summary>Records a poll that did not settle the transaction; false when it is no longer pending.</summary>
    public async Task<bool> RecordPollAsync(long id, DateTimeOffset polled, DateTimeOffset nextPoll, byte[] senderNonce, string? outcome, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.ScepTransactions
            .Where(t => t.Id == id && t.Status == ScepTransactionStatus.Pending)
            .ExecuteUpdateAsync(
                s => s.SetProperty(t => t.LastPolled, polled)
                    .SetProperty(t => t.NextPoll, nextPoll)
                    .SetProperty(t => t.LastSenderNonce, senderNonce)
                    .SetProperty(t => t.Attempts, t => t.Attempts + 1)
                    .SetProperty(t => t.Outcome, outcome),
                cancellationToken) == 1;
    }

    /// <summary>Keeps an issued certificate (issued first, then its chain) waiting for the administrator; false when no longer pending.</summary>
    public async Task<bool> MarkIssuedAsync(long id, DateTimeOffset polled, IEnumerable<byte[]> certificates, string outcome, CancellationToken cancellationToken = default)
    {
        byte[] issued = [.. certificates.SelectMany(c => c)];
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.ScepTransactions
            .Where(t => t.Id == id && t.Status == ScepTransactionStatus.Pending)
            .ExecuteUpdateAsync(
                s => s.SetProperty(t => t.LastPolled, polled)
                    .SetProperty(t => t.Attempts, t => t.Attempts + 1)
                    .SetProperty(t => t.Status, ScepTransactionStatus.Issued)
                    .SetProperty(t => t.IssuedCertificates, issued)
                    .SetProperty(t => t.Outcome, outcome),
                cancellationToken) == 1;
    }

    /// <summary>
    /// Ends the transaction with <paramref name="status"/> when it is still in <paramref name="from"/>: the request key
    /// is destroyed. False when it had already moved on (e.g. cancelled while a poll was under way).
    /// </summary>
    public async Task<bool> FinishAsync(long id, ScepTransactionStatus from, ScepTransactionStatus status, string outcome, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.ScepTransactions
            .Where(t => t.Id == id && t.Status == from)
            .ExecuteUpdateAsync(
                s => s.SetProperty(t => t.Status, status)
                    .SetProperty(t => t.Outcome, outcome)
                    .SetProperty(t => t.Finished, now)
                    .SetProperty(t => t.EncryptedPrivateKey, Array.Empty<byte>()),
                cancellationToken) == 1;
    }

    /// <summary>Splits concatenated DER values (each a complete TLV).</summary>
    internal static List<byte[]> SplitDer(byte[] concatenated)
    {
        var values = new List<byte[]>();
        var rest = concatenated.AsSpan();
        while (!rest.IsEmpty)
        {
            AsnDecoder.ReadEncodedValue(rest, AsnEncodingRules.DER, out _, out _, out var consumed);
            values.Add(rest[..consumed].ToArray());
            rest = rest[consumed..];
        }

        return values;
    }

    private static ScepTransactionSummary ToSummary(ScepTransaction t) => new(
        t.Id, new Uri(t.EndpointUrl), t.CaName, t.Subject, t.TransactionId, t.Created, t.CreatedBy, t.LastPolled, t.NextPoll, t.Attempts, t.Status, t.Outcome, t.Finished)
    {
        RenewalOfSourceId = t.RenewalOfSourceId,
    };
}
