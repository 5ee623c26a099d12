using System.Security.Cryptography;
using CertManager.Core.Storage.SharedStore;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CertManager.Cli.Commands;

/// <summary>
/// Runs a command against a console's data directory, opened as the console opens it: its database is the one the
/// console's settings name (SQLite in the directory, or PostgreSQL through CertManager__Database__*). A directory or
/// database that cannot be used is exit 1, settings the console would refuse are exit 2.
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
        catch (OptionsValidationException exception)
        {
            // The console's own check of CertManager:Database (and the other settings): it names the key, never the connection string.
            return Failure.Report([CliErrors.SettingsInvalid(exception.Message)], ExitCodes.InvalidInput, json);
        }
        catch (Exception exception) when (exception is NpgsqlException or MasterKeyMismatchException || exception is InvalidOperationException { InnerException: NpgsqlException })
        {
            return Failure.Report([CliErrors.DatabaseUnusable(exception.Message)], ExitCodes.Failure, json);
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
