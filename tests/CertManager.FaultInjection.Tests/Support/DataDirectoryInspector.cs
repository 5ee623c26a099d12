using CertManager.Core.Storage;
using CertManager.Testing;
using Microsoft.Data.Sqlite;
using MimeKit;

namespace CertManager.FaultInjection.Tests.Support;

/// <summary>Reads a data directory the way an auditor would after a crash: the pointer, the versions, leftovers, the database, the outbox.</summary>
internal sealed class DataDirectoryInspector(string root)
{
    public const string DefaultVersion = "default";

    public string ActiveVersion()
    {
        var pointer = Path.Combine(root, "certificates", "active");
        return File.Exists(pointer) ? File.ReadAllText(pointer).Trim() : DefaultVersion;
    }

    public IReadOnlySet<string> Versions()
    {
        var installed = Path.Combine(root, "certificates", "installed");
        return Directory.Exists(installed)
            ? Directory.GetDirectories(installed).Select(Path.GetFileName).OfType<string>().Where(n => !n.StartsWith('.')).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
    }

    public string VersionFolder(string version) =>
        version == DefaultVersion ? Path.Combine(root, "certificates", "default") : Path.Combine(root, "certificates", "installed", version);

    /// <summary>The SHA-256 fingerprint of a version's certificate; fails when the folder lacks its certificate or key.</summary>
    public string Fingerprint(string version)
    {
        var folder = VersionFolder(version);
        Assert.True(File.Exists(Path.Combine(folder, "private-key.enc")), $"Version {version} has no key: {string.Join(", ", Directory.GetFiles(folder))}");
        using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(folder, "certificate.pem")));
        return TlsProbe.Sha256Fingerprint(certificate);
    }

    /// <summary>The fingerprints of a version's chain file, in order; empty without one.</summary>
    public IReadOnlyList<string> ChainFingerprints(string version)
    {
        var chain = Path.Combine(VersionFolder(version), "chain.pem");
        if (!File.Exists(chain))
        {
            return [];
        }

        var collection = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
        collection.ImportFromPemFile(chain);
        return [.. collection.Select(TlsProbe.Sha256Fingerprint)];
    }

    /// <summary>Files and folders written under a staging name (or the default's creation marker), with the pid that wrote them.</summary>
    public IReadOnlyList<(string Path, int? Writer)> Leftovers() =>
        [.. Directory.EnumerateFileSystemEntries(root, ".*", SearchOption.AllDirectories)
            .Select(path => (Path: path, Writer: StagingFiles.WriterOf(System.IO.Path.GetFileName(path)), Marker: System.IO.Path.GetFileName(path) == ".creating"))
            .Where(entry => entry.Writer is not null || entry.Marker)
            .Select(entry => (entry.Path, entry.Writer))];

    /// <summary>Opens the database as the console does (a killed writer's journal is rolled back) and runs SQLite's own check.</summary>
    public string CheckDatabase()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(root, "certmanager.db")};Pooling=False;Default Timeout=60");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check";
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>Outbox rows: id and whether the console recorded the delivery.</summary>
    public IReadOnlyDictionary<long, bool> Outbox()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(root, "certmanager.db")};Pooling=False;Default Timeout=60");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Id\", \"SentAt\" IS NOT NULL FROM \"AlertOutbox\"";
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<long, bool>();
        while (reader.Read())
        {
            rows[reader.GetInt64(0)] = reader.GetInt64(1) == 1;
        }

        return rows;
    }

    /// <summary>The outbox row a received mail belongs to, from its Message-ID (<c>alert-ID-CREATED@...</c>); null for any other mail.</summary>
    public static long? OutboxIdOf(MimeMessage message) =>
        message.MessageId is { } id && id.StartsWith("alert-", StringComparison.Ordinal) && long.TryParse(id.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
