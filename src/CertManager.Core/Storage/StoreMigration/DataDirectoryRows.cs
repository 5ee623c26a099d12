using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using CertManager.Core.Storage.SharedStore;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;

namespace CertManager.Core.Storage.StoreMigration;

/// <summary>
/// What a SQLite console keeps as files in its data directory and a shared store keeps as rows: the certificate versions
/// (keys stay encrypted under the master key, byte for byte), the active pointer, the added trust roots and the
/// data-protection key ring.
/// </summary>
internal sealed class DataDirectoryRows
{
    public required IReadOnlyList<CertificateVersionEntry> Versions { get; init; }

    public required ActiveCertificateEntry Active { get; init; }

    public required IReadOnlyList<TrustedRootEntry> TrustedRoots { get; init; }

    public required IReadOnlyList<DataProtectionKey> DataProtectionKeys { get; init; }

    /// <summary>How many rows each table gains from the files.</summary>
    public IReadOnlyDictionary<Type, long> Counts => new Dictionary<Type, long>
    {
        [typeof(CertificateVersionEntry)] = Versions.Count,
        [typeof(ActiveCertificateEntry)] = 1,
        [typeof(TrustedRootEntry)] = TrustedRoots.Count,
        [typeof(DataProtectionKey)] = DataProtectionKeys.Count,
    };

    public static DataDirectoryRows Read(DataDirectory dataDirectory, CertificateStore store, string activeVersion, DateTimeOffset now)
    {
        var names = new[] { CertificateStore.DefaultVersion }.Concat(store.ListInstalledVersions());
        return new DataDirectoryRows
        {
            Versions = names.Select(store.ReadFolderAsRow).OfType<CertificateVersionEntry>().ToList(),
            Active = new ActiveCertificateEntry { Version = activeVersion, Changed = File.Exists(dataDirectory.ActivePointerFile) ? LastWrite(dataDirectory.ActivePointerFile) : now },
            TrustedRoots = ReadTrustedRoots(dataDirectory.TrustedRootsFile),
            DataProtectionKeys = ReadKeyRing(dataDirectory.DataProtectionDirectory),
        };
    }

    /// <summary>The file's order is kept: a root's Added is the file's time plus its position.</summary>
    private static List<TrustedRootEntry> ReadTrustedRoots(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(path);
        var written = LastWrite(path);
        var rows = roots.Select((root, index) => new TrustedRootEntry
        {
            Fingerprint = root.GetCertHashString(HashAlgorithmName.SHA256),
            CertificatePem = root.ExportCertificatePem() + "\n",
            Added = written.AddTicks(index),
        }).DistinctBy(r => r.Fingerprint).ToList();
        foreach (var root in roots)
        {
            root.Dispose();
        }

        return rows;
    }

    /// <summary>As ASP.NET Core's file repository names them (<c>key-&lt;id&gt;.xml</c>) and its EF Core repository stores them (friendly name, XML).</summary>
    private static List<DataProtectionKey> ReadKeyRing(string directory) =>
        Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.xml").Order(StringComparer.Ordinal)
                .Select(file => new DataProtectionKey { FriendlyName = Path.GetFileNameWithoutExtension(file), Xml = XElement.Load(file).ToString(SaveOptions.DisableFormatting) })
                .ToList()
            : [];

    private static DateTimeOffset LastWrite(string path) => new(File.GetLastWriteTimeUtc(path), TimeSpan.Zero);
}
