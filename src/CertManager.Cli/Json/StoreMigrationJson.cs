namespace CertManager.Cli.Json;

/// <summary>What <c>certman migrate-store --json</c> prints on success (docs/cli.md); never the connection string.</summary>
/// <param name="Target">The PostgreSQL database, as host, port and name.</param>
/// <param name="Tables">Each table with its rows in the SQLite console (database rows plus the data directory's files) and in PostgreSQL after the copy.</param>
/// <param name="ActiveVersion">The version both present.</param>
/// <param name="ActiveSha256">The SHA-256 fingerprint of the certificate both present.</param>
/// <param name="KeysChecked">Encrypted keys read back from PostgreSQL and decrypted with the master key.</param>
internal sealed record StoreMigrationJson(string Target, IReadOnlyList<TableCountJson> Tables, string ActiveVersion, string ActiveSha256, int KeysChecked);

/// <summary>One table's rows in the SQLite console and in PostgreSQL.</summary>
internal sealed record TableCountJson(string Table, long Sqlite, long PostgreSql);
