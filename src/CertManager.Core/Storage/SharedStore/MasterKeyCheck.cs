using System.Security.Cryptography;
using CertManager.Core.Storage.Providers;
using Microsoft.EntityFrameworkCore;

namespace CertManager.Core.Storage.SharedStore;

/// <summary>
/// On a shared store every node must hold the same master key: a node with another key could not present the stored
/// certificates, and what it encrypted the others could not read. So a node refuses to start when its key cannot
/// decrypt a key already in the database. A SQLite console keeps its database and its key in the same data directory.
/// </summary>
public sealed class MasterKeyCheck(IDatabaseEngine engine, KeyProtector keyProtector, DataDirectory dataDirectory)
{
    /// <summary>Throws <see cref="MasterKeyMismatchException"/> when a stored key does not decrypt with this node's master key.</summary>
    public async Task VerifyAsync(CancellationToken cancellationToken = default)
    {
        if (engine.Provider == DatabaseProvider.Sqlite)
        {
            return;
        }

        await using var context = engine.CreateContext();
        var sample = await context.CertificateVersions.AsNoTracking().OrderBy(v => v.Created).Select(v => v.EncryptedKey).FirstOrDefaultAsync(cancellationToken);
        if (sample is null)
        {
            // The first node on an empty database: whatever it stores from now on is under its key.
            return;
        }

        try
        {
            CryptographicOperations.ZeroMemory(keyProtector.Unprotect(sample, CertificateStore.KeyPurpose));
        }
        catch (CryptographicException exception)
        {
            throw new MasterKeyMismatchException(
                $"This node's master key ({dataDirectory.MasterKeyFile}) cannot decrypt the private keys stored in the {engine.Description}: " +
                "every node of a shared store needs the same master key. Copy the master key file of a node that starts " +
                $"(mode 0600, owned by the service account) to {dataDirectory.MasterKeyFile}, or point CertManager:MasterKeyFile at it, then start this node again.", exception);
        }
    }
}
