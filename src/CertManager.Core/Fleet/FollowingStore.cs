using System.Security.Cryptography;
using CertManager.Core.Csr;
using CertManager.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CertManager.Core.Fleet;

/// <summary>
/// On a follower: the one proxy it follows, with the pinned identity key and its own keys encrypted with the master key.
/// Stopping forgets the edge and the keys; the installed certificate stays.
/// </summary>
public sealed class FollowingStore(IDbContextFactory<CertManagerDbContext> contextFactory, KeyProtector keyProtector)
{
    internal const string SigningKeyPurpose = "fleet-follower-signing-key";
    internal const string EncryptionKeyPurpose = "fleet-follower-encryption-key";
    private const int RowId = 1;

    public async Task<FollowingSummary?> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var entry = await context.Following.AsNoTracking().SingleOrDefaultAsync(f => f.Id == RowId, cancellationToken);
        return entry is null ? null : new FollowingSummary(
            new Uri(entry.EdgeUrl),
            PublicKeyFingerprint.Compute(entry.EdgeIdentityKey),
            entry.FollowerId,
            entry.Name,
            entry.Paired,
            entry.PairedBy,
            entry.LastContact,
            entry.LastOutcome,
            entry.InstalledFingerprint);
    }

    /// <summary>The edge and the decrypted keys, or null when this console follows no proxy; the caller disposes it.</summary>
    internal async Task<Following?> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var entry = await context.Following.AsNoTracking().SingleOrDefaultAsync(f => f.Id == RowId, cancellationToken);
        if (entry is null)
        {
            return null;
        }

        var signing = keyProtector.Unprotect(entry.EncryptedSigningKey, SigningKeyPurpose);
        var encryption = keyProtector.Unprotect(entry.EncryptedEncryptionKey, EncryptionKeyPurpose);
        try
        {
            return new Following(new Uri(entry.EdgeUrl), entry.EdgeIdentityKey, entry.FollowerId, FleetKeys.ImportSigningKey(signing), FleetKeys.ImportEncryptionKey(encryption));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(signing);
            CryptographicOperations.ZeroMemory(encryption);
        }
    }

    /// <summary>Keeps a completed pairing; false when this console already follows a proxy.</summary>
    internal async Task<bool> SaveAsync(Uri edgeUrl, byte[] edgeIdentityKey, long followerId, string name, ECDsa signingKey, RSA encryptionKey, string actor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var signing = signingKey.ExportPkcs8PrivateKey();
        var encryption = encryptionKey.ExportPkcs8PrivateKey();
        try
        {
            await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
            context.Following.Add(new FollowingEntry
            {
                Id = RowId,
                EdgeUrl = edgeUrl.AbsoluteUri,
                EdgeIdentityKey = edgeIdentityKey,
                FollowerId = followerId,
                Name = name,
                EncryptedSigningKey = keyProtector.Protect(signing, SigningKeyPurpose),
                EncryptedEncryptionKey = keyProtector.Protect(encryption, EncryptionKeyPurpose),
                Paired = now,
                PairedBy = actor,
            });
            await context.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(signing);
            CryptographicOperations.ZeroMemory(encryption);
        }
    }

    internal async Task RecordPollAsync(string outcome, string? seenFingerprint, string? installedFingerprint, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await context.Following.Where(f => f.Id == RowId).ExecuteUpdateAsync(
            s => s.SetProperty(f => f.LastContact, now).SetProperty(f => f.LastOutcome, outcome)
                .SetProperty(f => f.SeenFingerprint, f => seenFingerprint ?? f.SeenFingerprint)
                .SetProperty(f => f.InstalledFingerprint, f => installedFingerprint ?? f.InstalledFingerprint),
            cancellationToken);
    }

    /// <summary>Forgets the edge and this console's fleet keys; false when it followed none.</summary>
    internal async Task<bool> RemoveAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Following.Where(f => f.Id == RowId).ExecuteDeleteAsync(cancellationToken) == 1;
    }
}
