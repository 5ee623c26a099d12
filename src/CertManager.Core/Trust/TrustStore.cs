using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using CertManager.Core.Certificates;
using CertManager.Core.Events;
using CertManager.Core.Results;
using CertManager.Core.Storage;
using CertManager.Core.Storage.SharedStore;

namespace CertManager.Core.Trust;

/// <summary>
/// The roots the chain doctor trusts: this system's CA store plus the enterprise roots an administrator added
/// (kept in <c>trusted-roots.pem</c> in the data directory; on a shared PostgreSQL store, one row per root in
/// <see cref="SharedTrustedRoots"/>). Revocation is not checked here.
/// </summary>
public sealed class TrustStore(DataDirectory dataDirectory, EventRecorder events, SharedTrustedRoots? shared = null, TimeProvider? timeProvider = null)
{
    private readonly Lazy<X509Certificate2Collection> _systemRoots = new(LoadSystemRoots);
    private readonly Lock _fileLock = new();

    /// <summary>System roots and console roots together, for <see cref="X509ChainTrustMode.CustomRootTrust"/>.</summary>
    public X509Certificate2Collection GetTrustedRoots()
    {
        var roots = new X509Certificate2Collection();
        roots.AddRange(_systemRoots.Value);
        roots.AddRange(GetConsoleRoots());
        return roots;
    }

    /// <summary>The roots an administrator added.</summary>
    public X509Certificate2Collection GetConsoleRoots()
    {
        var roots = new X509Certificate2Collection();
        if (shared is { IsUsed: true })
        {
            foreach (var pem in shared.List())
            {
                roots.ImportFromPem(pem);
            }

            return roots;
        }

        lock (_fileLock)
        {
            if (File.Exists(dataDirectory.TrustedRootsFile))
            {
                roots.ImportFromPemFile(dataDirectory.TrustedRootsFile);
            }
        }

        return roots;
    }

    public async Task<Result<string>> AddRootAsync(X509Certificate2 root, string actor, CancellationToken cancellationToken = default)
    {
        if (!root.SubjectName.RawData.AsSpan().SequenceEqual(root.IssuerName.RawData))
        {
            return TrustErrors.NotARoot(root.SubjectText());
        }

        var fingerprint = root.GetCertHashString(HashAlgorithmName.SHA256);
        if (shared is { IsUsed: true })
        {
            if (!shared.TryAdd(fingerprint, root.ExportCertificatePem() + "\n", (timeProvider ?? TimeProvider.System).GetUtcNow()))
            {
                return Result<string>.Success(fingerprint);
            }
        }
        else
        {
            lock (_fileLock)
            {
                var existing = File.Exists(dataDirectory.TrustedRootsFile) ? File.ReadAllText(dataDirectory.TrustedRootsFile) : string.Empty;
                var current = new X509Certificate2Collection();
                if (existing.Length > 0)
                {
                    current.ImportFromPem(existing);
                }

                if (current.Any(c => c.GetCertHashString(HashAlgorithmName.SHA256) == fingerprint))
                {
                    return Result<string>.Success(fingerprint);
                }

                SecureFile.WriteAllTextAtomically(dataDirectory.TrustedRootsFile, existing + root.ExportCertificatePem() + "\n");
            }
        }

        await events.RecordAsync(EventSeverity.Info, "trust", $"Root certificate '{root.SubjectText()}' added to the console's trust store.", actor, fingerprint, cancellationToken);
        return Result<string>.Success(fingerprint);
    }

    /// <summary>Removes a root an administrator added (by its SHA-256 fingerprint, hex with or without colons).</summary>
    public async Task<Result<string>> RemoveRootAsync(string sha256Fingerprint, string actor, CancellationToken cancellationToken = default)
    {
        var wanted = sha256Fingerprint.Replace(":", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        string subject;
        if (shared is { IsUsed: true })
        {
            if (shared.Remove(wanted) is not { } pem)
            {
                return TrustErrors.NotTrusted(sha256Fingerprint);
            }

            using var removedRoot = X509Certificate2.CreateFromPem(pem);
            subject = removedRoot.SubjectText();
        }
        else
        {
            lock (_fileLock)
            {
                var current = new X509Certificate2Collection();
                if (File.Exists(dataDirectory.TrustedRootsFile))
                {
                    current.ImportFromPemFile(dataDirectory.TrustedRootsFile);
                }

                var removed = current.FirstOrDefault(c => c.GetCertHashString(HashAlgorithmName.SHA256) == wanted);
                if (removed is null)
                {
                    return TrustErrors.NotTrusted(sha256Fingerprint);
                }

                subject = removed.SubjectText();
                var kept = current.Where(c => !ReferenceEquals(c, removed)).Select(c => c.ExportCertificatePem() + "\n");
                SecureFile.WriteAllTextAtomically(dataDirectory.TrustedRootsFile, string.Concat(kept));
            }
        }

        await events.RecordAsync(EventSeverity.Info, "trust", $"Root certificate '{subject}' removed from the console's trust store; chains ending in it are no longer trusted.", actor, wanted, cancellationToken);
        return Result<string>.Success(wanted);
    }

    private static X509Certificate2Collection LoadSystemRoots()
    {
        using var store = new X509Store(StoreName.Root, StoreLocation.LocalMachine);
        store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
        return new X509Certificate2Collection(store.Certificates);
    }
}
