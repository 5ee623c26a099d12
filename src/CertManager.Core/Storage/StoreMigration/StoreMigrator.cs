using System.Security.Cryptography;
using CertManager.Core.Certificates;
using CertManager.Core.Results;
using CertManager.Core.Storage.Providers;
using CertManager.Core.Storage.SharedStore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CertManager.Core.Storage.StoreMigration;

/// <summary>
/// Moves a single console's whole state from its SQLite data directory into an empty PostgreSQL database, so that it can
/// run as a node of a shared store (<c>certman migrate-store</c>): every table of the model, plus what the data directory
/// keeps as files (certificate versions, the active pointer, trust roots, the data-protection key ring). The target is
/// migrated first and written in one transaction; afterwards the copy is checked from the target itself (rows per table,
/// the active certificate's fingerprint, every key decrypting under the same master key). The data directory is only read.
/// </summary>
public sealed partial class StoreMigrator(
    DataDirectory dataDirectory,
    KeyProtector keyProtector,
    IDatabaseEngine source,
    CertificateStore sourceStore,
    SelfSignedCertificateFactory selfSignedFactory,
    HostIdentity hostIdentity,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<StoreMigrator>();

    /// <summary>Copies into the PostgreSQL database <paramref name="connectionString"/> names; the string is never logged or returned.</summary>
    public async Task<Result<StoreMigrationReport>> CopyToPostgreSqlAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        if (source.Provider != DatabaseProvider.Sqlite || !File.Exists(dataDirectory.DatabaseFile))
        {
            return StoreMigrationErrors.SourceMissing(dataDirectory.Root);
        }

        PostgreSqlEngine target;
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(builder.Host) || string.IsNullOrWhiteSpace(builder.Database))
            {
                return StoreMigrationErrors.ConnectionInvalid;
            }

            target = new PostgreSqlEngine(connectionString);
        }
        catch (ArgumentException)
        {
            return StoreMigrationErrors.ConnectionInvalid;
        }

        ServerCertificate active;
        try
        {
            // Loading decrypts the active key: a wrong master key stops here, before anything is written.
            active = sourceStore.LoadActive();
        }
        catch (CryptographicException)
        {
            return StoreMigrationErrors.SourceKeyUnreadable(dataDirectory.MasterKeyFile);
        }

        using (active)
        {
            try
            {
                return await CopyAsync(target, active, cancellationToken);
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException || exception is DbUpdateException { InnerException: NpgsqlException })
            {
                // Npgsql's messages name the host and the failure, never the password.
                return StoreMigrationErrors.TargetUnreachable(target.Description, exception.Message);
            }
        }
    }

    private async Task<Result<StoreMigrationReport>> CopyAsync(PostgreSqlEngine target, ServerCertificate active, CancellationToken cancellationToken)
    {
        await using (var schema = target.CreateContext())
        {
            await schema.Database.MigrateAsync(cancellationToken);
        }

        await using var sourceContext = source.CreateContext();
        await using var targetContext = target.CreateContext();
        var tables = ModelTables.InDependencyOrder(targetContext);
        var occupied = new List<string>();
        foreach (var table in tables)
        {
            if (await ModelTables.CountRowsAsync(table, targetContext, cancellationToken) > 0)
            {
                occupied.Add(ModelTables.TableName(table));
            }
        }

        if (occupied.Count > 0)
        {
            return StoreMigrationErrors.TargetNotEmpty(target.Description, occupied);
        }

        var files = DataDirectoryRows.Read(dataDirectory, sourceStore, active.Version, timeProvider.GetUtcNow());
        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        // One read transaction on SQLite: every table is read from the same snapshot.
        await using var snapshot = await sourceContext.Database.BeginTransactionAsync(cancellationToken);
        await using (var transaction = await targetContext.Database.BeginTransactionAsync(cancellationToken))
        {
            foreach (var table in tables)
            {
                var copied = await ModelTables.CopyTableAsync(table, sourceContext, targetContext, cancellationToken);
                expected[ModelTables.TableName(table)] = copied + files.Counts.GetValueOrDefault(table.ClrType);
            }

            targetContext.AddRange(files.Versions);
            targetContext.Add(files.Active);
            targetContext.AddRange(files.TrustedRoots);
            targetContext.AddRange(files.DataProtectionKeys);
            await targetContext.SaveChangesAsync(cancellationToken);
            await IdentitySequences.AdvanceAsync(targetContext, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        LogCopied(_logger, dataDirectory.Root, target.Description, expected.Values.Sum());
        return await CheckAsync(target, tables, expected, active, files, cancellationToken);
    }

    /// <summary>Reads everything back from the target, as a node starting on it would.</summary>
    private async Task<Result<StoreMigrationReport>> CheckAsync(
        PostgreSqlEngine target, IReadOnlyList<Microsoft.EntityFrameworkCore.Metadata.IEntityType> tables, Dictionary<string, long> expected, ServerCertificate active, DataDirectoryRows files, CancellationToken cancellationToken)
    {
        var counts = new List<TableCount>();
        await using (var context = target.CreateContext())
        {
            foreach (var table in tables)
            {
                var name = ModelTables.TableName(table);
                counts.Add(new TableCount(name, expected[name], await ModelTables.CountRowsAsync(table, context, cancellationToken)));
            }
        }

        var differing = counts.Where(c => c.Source != c.Target).Select(c => $"{c.Table} has {c.Target} rows instead of {c.Source}").ToList();
        if (differing.Count > 0)
        {
            return StoreMigrationErrors.CheckFailed(target.Description, string.Join("; ", differing) + ".");
        }

        var targetStore = new CertificateStore(dataDirectory, keyProtector, selfSignedFactory, hostIdentity, loggerFactory.CreateLogger<CertificateStore>(), new SharedCertificateVersions(target), timeProvider);
        var keysChecked = 0;
        try
        {
            using (var presented = targetStore.LoadActive())
            {
                if (presented.Version != active.Version || presented.Certificate.Thumbprint != active.Certificate.Thumbprint)
                {
                    return StoreMigrationErrors.CheckFailed(target.Description, $"it presents version {presented.Version} ({presented.Certificate.Thumbprint}) instead of {active.Version} ({active.Certificate.Thumbprint}).");
                }
            }

            foreach (var version in files.Versions.Select(v => v.Name))
            {
                using var loaded = version == CertificateStore.DefaultVersion ? targetStore.LoadOrCreateDefault() : targetStore.LoadInstalledVersion(version);
                keysChecked++;
            }

            keysChecked += KeyRingCheck.DecryptAll(target, keyProtector);
        }
        catch (Exception exception) when (exception is CryptographicException or InvalidDataException)
        {
            return StoreMigrationErrors.CheckFailed(target.Description, $"a stored key does not decrypt with the master key ({exception.Message}).");
        }

        var fingerprint = Details.CertificateDetailsReader.FormatHex(active.Certificate.GetCertHash(HashAlgorithmName.SHA256));
        return Result<StoreMigrationReport>.Success(new StoreMigrationReport(target.Description, counts, active.Version, fingerprint, keysChecked));
    }

    [LoggerMessage(EventId = 1030, Level = LogLevel.Information, Message = "Copied the console's state from {DataDirectory} into the {Target}: {Rows} rows")]
    private static partial void LogCopied(ILogger logger, string dataDirectory, string target, long rows);
}
