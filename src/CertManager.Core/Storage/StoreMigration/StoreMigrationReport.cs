namespace CertManager.Core.Storage.StoreMigration;

/// <summary>What <see cref="StoreMigrator"/> copied and checked; never names the connection string.</summary>
/// <param name="Target">The target database, as host, port and name.</param>
/// <param name="Tables">Each table with its rows in the source (database rows plus what the data directory holds as files) and in the target.</param>
/// <param name="ActiveVersion">The version both stores present.</param>
/// <param name="ActiveThumbprint">The SHA-256 fingerprint (colon-separated hex) of the certificate both present.</param>
/// <param name="KeysChecked">How many encrypted keys (certificate versions and data-protection keys) were decrypted from the target with the master key.</param>
public sealed record StoreMigrationReport(string Target, IReadOnlyList<TableCount> Tables, string ActiveVersion, string ActiveThumbprint, int KeysChecked);

/// <summary>One table's rows before and after the copy.</summary>
public sealed record TableCount(string Table, long Source, long Target);
