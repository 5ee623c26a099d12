namespace CertManager.Core.Storage.Providers;

/// <summary>
/// Which database holds the console's state. Bound from <c>CertManager:Database</c>; checked at start by
/// <see cref="DatabaseOptionsValidator"/>. The connection string is never logged or shown.
/// </summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "CertManager:Database";

    /// <summary><c>Sqlite</c> (default: <c>certmanager.db</c> in the data directory) or <c>PostgreSql</c>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// The Npgsql connection string when <see cref="Provider"/> is <c>PostgreSql</c>, e.g. from the environment variable
    /// <c>CertManager__Database__ConnectionString</c>. Give this or <see cref="ConnectionStringFile"/>, not both.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>A file (readable only by the service account) whose content is the connection string, so the password stays out of the configuration.</summary>
    public string? ConnectionStringFile { get; set; }

    /// <summary>The connection string from <see cref="ConnectionString"/> or the file; null when neither is given.</summary>
    public string? ResolveConnectionString()
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            return ConnectionString;
        }

        return string.IsNullOrWhiteSpace(ConnectionStringFile) ? null : File.ReadAllText(ConnectionStringFile).Trim();
    }
}
