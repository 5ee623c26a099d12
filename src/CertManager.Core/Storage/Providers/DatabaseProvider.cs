namespace CertManager.Core.Storage.Providers;

/// <summary>The database engine that holds the console's state (<c>CertManager:Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>One file in the data directory; the default for a single console.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database shared by several console nodes.</summary>
    PostgreSql,
}
