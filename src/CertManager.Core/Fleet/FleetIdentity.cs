using System.Security.Cryptography;
using CertManager.Core.Csr;
using CertManager.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace CertManager.Core.Fleet;

/// <summary>
/// The edge's fleet identity key: made on first use, kept PKCS#8 encrypted with the master key, never shown. Followers
/// pin its public key's fingerprint from the pairing code, so the edge's TLS certificate (the very thing it
/// distributes) can change without them trusting anyone else.
/// </summary>
public sealed class FleetIdentity(IDbContextFactory<CertManagerDbContext> contextFactory, KeyProtector keyProtector, TimeProvider timeProvider)
{
    internal const string KeyPurpose = "fleet-identity-key";
    private const int RowId = 1;

    /// <summary>The row never changes once made (the key is never rotated in place), so it is read once per process.</summary>
    private FleetIdentityEntry? _entry;

    /// <summary>The key as the CMS signer takes it, made at the first signature and kept (<see cref="FleetSigner"/>).</summary>
    private FleetSigner? _signer;

    /// <summary>The identity's DER SubjectPublicKeyInfo, making the key on first use.</summary>
    public async Task<byte[]> GetPublicKeyAsync(CancellationToken cancellationToken = default) =>
        (await GetOrCreateAsync(cancellationToken)).PublicKey;

    /// <summary>The SHA-256 fingerprint of the identity's public key, as followers show what they pinned.</summary>
    public async Task<string> GetFingerprintAsync(CancellationToken cancellationToken = default) =>
        PublicKeyFingerprint.Compute(await GetPublicKeyAsync(cancellationToken));

    /// <summary>The identity key to sign with; the caller disposes it.</summary>
    internal async Task<ECDsa> LoadKeyAsync(CancellationToken cancellationToken = default)
    {
        var entry = await GetOrCreateAsync(cancellationToken);
        var pkcs8 = keyProtector.Unprotect(entry.EncryptedKey, KeyPurpose);
        try
        {
            return FleetKeys.ImportSigningKey(pkcs8);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>The identity key to sign bundles and pairing answers with, kept for the life of the process.</summary>
    internal async Task<FleetSigner> GetSignerAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _signer) is { } known)
        {
            return known;
        }

        using var key = await LoadKeyAsync(cancellationToken);
        var signer = FleetSigner.From(key);
        Volatile.Write(ref _signer, signer);
        return signer;
    }

    private async Task<FleetIdentityEntry> GetOrCreateAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _entry) is { } known)
        {
            return known;
        }

        var entry = await ReadOrCreateAsync(cancellationToken);
        Volatile.Write(ref _entry, entry);
        return entry;
    }

    private async Task<FleetIdentityEntry> ReadOrCreateAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var existing = await context.FleetIdentity.AsNoTracking().SingleOrDefaultAsync(i => i.Id == RowId, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        using var key = FleetKeys.NewSigningKey();
        var pkcs8 = key.ExportPkcs8PrivateKey();
        try
        {
            context.FleetIdentity.Add(new FleetIdentityEntry
            {
                Id = RowId,
                EncryptedKey = keyProtector.Protect(pkcs8, KeyPurpose),
                PublicKey = key.ExportSubjectPublicKeyInfo(),
                Created = timeProvider.GetUtcNow(),
            });
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The console and certman made one at the same moment: the first written wins, both use it.
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }

        await using var reread = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await reread.FleetIdentity.AsNoTracking().SingleAsync(i => i.Id == RowId, cancellationToken);
    }
}
