using CertManager.Cli.Commands;
using CertManager.Core.Results;
using CertManager.Core.Storage.SharedStore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CertManager.Cli;

/// <summary>
/// What any command that opens a console may meet in the console's settings and its PostgreSQL store, turned into a
/// problem and an exit code in one place. The messages name settings and hosts, never a connection string.
/// </summary>
internal static class StoreFailures
{
    /// <summary>Reports <paramref name="exception"/> when it is one of these; false for anything else.</summary>
    public static bool TryReport(Exception exception, bool json, out int exitCode)
    {
        (Problem Problem, int ExitCode)? known = exception switch
        {
            // The console's own checks of its settings (CertManager:Database among them).
            OptionsValidationException invalid => (CliErrors.SettingsInvalid(invalid.Message), ExitCodes.InvalidInput),
            NpgsqlException or MasterKeyMismatchException => (CliErrors.DatabaseUnusable(exception.Message), ExitCodes.Failure),
            // EF Core wraps a connection failure it judged transient.
            InvalidOperationException { InnerException: NpgsqlException inner } => (CliErrors.DatabaseUnusable(inner.Message), ExitCodes.Failure),
            _ => null,
        };
        exitCode = known?.ExitCode ?? ExitCodes.Failure;
        if (known is null)
        {
            return false;
        }

        Failure.Report([known.Value.Problem], known.Value.ExitCode, json);
        return true;
    }
}
