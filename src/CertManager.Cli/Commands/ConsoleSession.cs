using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CertManager.Cli.Commands;

/// <summary>
/// Runs a command against a console's data directory, opened as the console opens it: its database is the one the
/// console's settings name (SQLite in the directory, or PostgreSQL through CertManager__Database__*). A directory that
/// cannot be used is exit 1; a PostgreSQL store that cannot be used, and settings the console would refuse, are reported
/// for every command by <see cref="StoreFailures"/>.
/// </summary>
internal static class ConsoleSession
{
    /// <summary>How the event log names whoever ran certman: <c>cli:&lt;OS user name&gt;</c>.</summary>
    public static string Actor => $"cli:{Environment.UserName}";

    public static async Task<int> RunAsync(string dataDirectory, bool json, Func<ServiceProvider, Task<int>> action, CancellationToken cancellationToken, IDictionary<string, string?>? settings = null)
    {
        if (!Directory.Exists(dataDirectory))
        {
            return Failure.Report([CliErrors.DataDirectoryMissing(dataDirectory)], ExitCodes.Failure, json);
        }

        try
        {
            await using var services = await ConsoleServices.OpenAsync(dataDirectory, cancellationToken, settings);
            return await action(services);
        }
        catch (Exception exception) when (exception is SqliteException or IOException or UnauthorizedAccessException or CryptographicException or TimeoutException)
        {
            // A master key that does not decrypt the stored keys is as unusable as a directory certman may not read.
            return Failure.Report([CliErrors.DataDirectoryUnusable(dataDirectory, exception.Message)], ExitCodes.Failure, json);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
        }
    }
}
