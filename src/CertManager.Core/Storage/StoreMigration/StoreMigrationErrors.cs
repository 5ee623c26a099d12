using CertManager.Core.Results;

namespace CertManager.Core.Storage.StoreMigration;

/// <summary>Why <see cref="StoreMigrator"/> copied nothing, or why its check after the copy failed. Codes are <c>store-migration.*</c>.</summary>
public static class StoreMigrationErrors
{
    public const string TargetNotEmptyCode = "store-migration.target-not-empty";

    public const string ConnectionInvalidCode = "store-migration.connection-invalid";

    /// <summary>The string itself is never repeated: it holds the password.</summary>
    public static readonly Problem ConnectionInvalid = Problem.Error(
        ConnectionInvalidCode,
        "The PostgreSQL connection string is not valid, or does not name Host and Database.",
        "Write it as 'Host=db.example.com;Port=5432;Database=certmanager;Username=certmanager;Password=...'.");

    public static Problem SourceMissing(string dataDirectory) => Problem.Error(
        "store-migration.source-missing",
        $"There is no console database (certmanager.db) in '{dataDirectory}'.",
        "Pass the data directory of the console to move (its CertManager:DataDirectory) with --data-dir.");

    public static Problem TargetNotEmpty(string target, IReadOnlyList<string> tables) => Problem.Error(
        TargetNotEmptyCode,
        $"The {target} already holds data (tables {string.Join(", ", tables)}); migrate-store copies only into an empty database, so nothing was copied.",
        "Create an empty database for the console (e.g. `CREATE DATABASE certmanager OWNER certmanager;`) and pass its connection string; " +
        "if an earlier migrate-store into this database succeeded, it is ready: switch the console to it instead of copying again.");

    public static Problem TargetUnreachable(string target, string reason) => Problem.Error(
        "store-migration.target-unreachable",
        $"The {target} could not be used: {reason}",
        "Check the host, port, database name, user and password of the connection string, and that the user may create tables in the database.");

    public static Problem SourceKeyUnreadable(string masterKeyFile) => Problem.Error(
        "store-migration.source-key-unreadable",
        $"The master key '{masterKeyFile}' does not decrypt the console's private keys, so nothing was copied.",
        "Run certman with the console's own master key: its data directory's master.key, or the file CertManager:MasterKeyFile names (environment CertManager__MasterKeyFile).");

    public static Problem CheckFailed(string target, string what) => Problem.Error(
        "store-migration.check-failed",
        $"The copy into the {target} was committed, but the check afterwards failed: {what}",
        "Keep the console on SQLite (its data directory is unchanged), drop and re-create the PostgreSQL database, and run migrate-store again; report the difference if it repeats.");
}
