using Microsoft.Extensions.Options;

namespace CertManager.Core.Storage.Providers;

/// <summary>Picks the engine <see cref="DatabaseOptions.Provider"/> names.</summary>
internal static class DatabaseEngines
{
    public static IDatabaseEngine Create(IOptions<DatabaseOptions> options, DataDirectory dataDirectory) =>
        options.Value.Provider switch
        {
            DatabaseProvider.PostgreSql => new PostgreSqlEngine(options.Value.ResolveConnectionString()!),
            _ => new SqliteEngine(dataDirectory),
        };
}
