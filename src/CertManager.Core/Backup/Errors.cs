using CertManager.Core.Results;

namespace CertManager.Core.Backup;

public static class BackupErrors
{
    public const int MinimumPassphraseLength = 12;

    public static readonly Problem PassphraseTooShort = Problem.Error(
        "backup.passphrase-too-short",
        $"The backup passphrase is shorter than {MinimumPassphraseLength} characters; the archive holds the master key, so the passphrase is all that protects every private key in it.",
        $"Choose a passphrase of at least {MinimumPassphraseLength} characters (a few random words) and keep it apart from the backups.");

    public static readonly Problem WrongPassphrase = Problem.Error(
        "backup.wrong-passphrase",
        "The backup could not be decrypted: the passphrase is wrong, or the file was changed after it was written.",
        "Give the passphrase used for `certman backup`; if it is right, the file is damaged: restore an older backup.");

    public static Problem NotABackup(string path) => Problem.Error(
        "backup.not-a-backup",
        $"'{path}' is not a CertManager backup (it does not start with the backup header).",
        "Pass a file written by `certman backup`.");

    public static Problem DataDirectoryMissing(string path) => Problem.Error(
        "backup.data-directory-missing",
        $"There is no console database in '{path}'.",
        "Pass the console's data directory (CertManager:DataDirectory).");

    public static readonly Problem PostgreSqlStore = Problem.Error(
        "backup.postgresql-store",
        "This console keeps its state in PostgreSQL (CertManager:Database:Provider is PostgreSql); `certman backup` archives a SQLite data directory only.",
        "Back up the database with `pg_dump -Fc DATABASE > certmanager.dump` and keep a copy of the node's master.key apart from it; docs/operations.md (Running several nodes) shows the restore.");

    public static Problem TargetNotEmpty(string path) => Problem.Error(
        "backup.target-not-empty",
        $"The directory '{path}' is not empty; a restore never overwrites a data directory.",
        "Restore into a new or empty directory, then point the console at it (CertManager:DataDirectory) or move it into place while the console is stopped.");

    public static Problem OutputExists(string path) => Problem.Error(
        "backup.output-exists",
        $"The file '{path}' already exists; a backup never replaces a file.",
        "Choose another path with --out, or move the old file away first.");

    public const string NotWrittenCode = "backup.not-written";

    public static Problem NotWritten(string path, string reason) => Problem.Error(
        NotWrittenCode,
        $"Could not write '{path}': {reason}",
        "Check the path, its free space and that this account may write there; nothing was left behind.");

    public static Problem Damaged(string path, string reason) => Problem.Error(
        "backup.damaged",
        $"The backup '{path}' decrypted but its contents are not usable: {reason}",
        "Restore an older backup.");
}
