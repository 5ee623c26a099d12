using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertManager.Core.Certificates;
using CertManager.Core.Storage.SharedStore;

namespace CertManager.Core.Storage;

/// <summary>The versions as database rows, when nodes share a PostgreSQL store (<see cref="SharedCertificateVersions"/>).</summary>
public sealed partial class CertificateStore
{
    private SharedCertificateVersions? Shared => shared is { IsUsed: true } ? shared : null;

    /// <summary>Whether the versions live in a database shared by several nodes rather than in the data directory.</summary>
    public bool IsShared => Shared is not null;

    /// <summary>Nodes starting together on an empty database may each make a default; the first row written wins and all present it.</summary>
    private ServerCertificate LoadOrCreateSharedDefault(SharedCertificateVersions rows)
    {
        var row = rows.Read(DefaultVersion);
        if (row is null)
        {
            using var created = selfSignedFactory.Create(hostIdentity);
            if (rows.TryAdd(ToRow(DefaultVersion, created, [], (timeProvider ?? TimeProvider.System).GetUtcNow(), provenance: null)))
            {
                LogDefaultCreated(logger, created.SubjectText(), created.GetCertHashString(HashAlgorithmName.SHA256));
            }

            row = rows.Read(DefaultVersion) ?? throw new InvalidDataException("The self-signed default certificate was written but cannot be read back from the database.");
        }

        return LoadShared(row, CertificateOrigin.SelfSignedDefault);
    }

    private string WriteSharedVersion(SharedCertificateVersions rows, string baseName, X509Certificate2 certificateWithKey, IReadOnlyList<X509Certificate2> intermediates, DateTimeOffset now, VersionProvenance? provenance)
    {
        for (var attempt = 1; ; attempt++)
        {
            var version = attempt == 1 ? baseName : $"{baseName}-{attempt}";
            if (rows.TryAdd(ToRow(version, certificateWithKey, intermediates, now, provenance)))
            {
                return version;
            }
        }
    }

    private ServerCertificate LoadShared(CertificateVersionEntry row, CertificateOrigin origin) =>
        Assemble(row.CertificatePem, row.EncryptedKey, ReadChainPem(row.ChainPem), origin, row.Name);

    private CertificateVersionEntry ToRow(string version, X509Certificate2 certificate, IReadOnlyList<X509Certificate2> intermediates, DateTimeOffset now, VersionProvenance? provenance)
    {
        using var key = PrivateKeys.Of(certificate)
            ?? throw new ArgumentException("Only certificates with their RSA or ECDSA private key can be stored.", nameof(certificate));
        var pkcs8 = key.ExportPkcs8PrivateKey();
        try
        {
            return new CertificateVersionEntry
            {
                Name = version,
                CertificatePem = certificate.ExportCertificatePem() + "\n",
                ChainPem = string.Concat(intermediates.Select(c => c.ExportCertificatePem() + "\n")),
                EncryptedKey = keyProtector.Protect(pkcs8, KeyPurpose),
                Provenance = provenance is null ? null : JsonSerializer.Serialize(provenance),
                Created = now,
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    /// <summary>
    /// A version folder of the data directory as the row a shared store keeps, its key still encrypted under the master
    /// key (<c>certman migrate-store</c>); null when the folder holds no certificate.
    /// </summary>
    internal CertificateVersionEntry? ReadFolderAsRow(string version)
    {
        var directory = version == DefaultVersion ? dataDirectory.DefaultCertificateDirectory : Path.Combine(dataDirectory.InstalledCertificatesDirectory, version);
        var certificatePath = Path.Combine(directory, CertificateFileName);
        if (!IsVersionName(version) || !File.Exists(certificatePath))
        {
            return null;
        }

        var keyPath = Path.Combine(directory, KeyFileName);
        if (!File.Exists(keyPath))
        {
            throw new InvalidDataException($"The certificate folder '{directory}' is incomplete: it needs {CertificateFileName} and {KeyFileName}. Restore the data directory from backup.");
        }

        var chainPath = Path.Combine(directory, ChainFileName);
        var provenancePath = Path.Combine(directory, ProvenanceFileName);
        var provenance = File.Exists(provenancePath) ? File.ReadAllText(provenancePath) : null;
        return new CertificateVersionEntry
        {
            Name = version,
            CertificatePem = File.ReadAllText(certificatePath),
            ChainPem = File.Exists(chainPath) ? File.ReadAllText(chainPath) : string.Empty,
            EncryptedKey = File.ReadAllBytes(keyPath),
            Provenance = provenance,
            Created = new DateTimeOffset(File.GetLastWriteTimeUtc(certificatePath), TimeSpan.Zero),
        };
    }

    private static X509Certificate2Collection ReadChainPem(string chainPem)
    {
        var chain = new X509Certificate2Collection();
        if (chainPem.Length > 0)
        {
            chain.ImportFromPem(chainPem);
        }

        return chain;
    }
}
