using System.CommandLine;
using System.Text.Json;
using CertManager.Cli.Json;
using CertManager.Core.Backup;
using CertManager.Core.Results;
using CertManager.Core.Storage;
using CertManager.Core.Storage.Providers;

namespace CertManager.Cli.Commands;

/// <summary>
/// <c>certman backup</c>: an encrypted archive of a console's data directory, made while the console runs
/// (<see cref="DataDirectoryBackup"/>); <c>certman restore</c> brings it back into an empty directory.
/// </summary>
internal static class BackupCommand
{
    public static Command Create()
    {
        var dataDirectory = new Option<string>("--data-dir") { Description = "The console's data directory (its CertManager:DataDirectory).", Required = true };
        var output = new Option<string>("--out") { Description = "The archive to write (mode 0600; never replaces a file).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print what was written as JSON on stdout." };
        var command = new Command("backup", "Back up a console's data directory, online, into one archive encrypted with a passphrase.");
        command.Options.Add(dataDirectory);
        command.Options.Add(output);
        var passphrase = PassphraseOptions.AddTo(command);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var asJson = parse.GetValue(json);
            if (ConsoleServices.StoreProvider(parse.GetValue(dataDirectory)!) == DatabaseProvider.PostgreSql)
            {
                return Failure.Report([BackupErrors.PostgreSqlStore], ExitCodes.InvalidInput, asJson);
            }

            return passphrase.Run(parse, asJson, secret =>
            {
                var directory = parse.GetValue(dataDirectory)!;
                var outputPath = Path.GetFullPath(parse.GetValue(output)!);
                if (!Directory.Exists(Path.GetDirectoryName(outputPath)))
                {
                    return Failure.Report([CliErrors.OutputDirectoryMissing(outputPath)], ExitCodes.InvalidInput, asJson);
                }

                try
                {
                    return Report(new DataDirectoryBackup(new DataDirectory(directory)).Write(outputPath, secret), "Backed up to", asJson);
                }
                catch (Exception exception) when (exception is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
                {
                    return Failure.Report([CliErrors.DataDirectoryUnusable(directory, exception.Message)], ExitCodes.Failure, asJson);
                }
            });
        });
        return command;
    }

    /// <summary>Prints a backup's or a restore's outcome; refusals of the input are exit 2, a failed write exit 1.</summary>
    public static int Report(Result<BackupSummary> outcome, string verb, bool json)
    {
        if (!outcome.Succeeded)
        {
            var failedWrite = outcome.Problems.Any(p => p.Code == BackupErrors.NotWrittenCode);
            return Failure.Report(outcome.Problems, failedWrite ? ExitCodes.Failure : ExitCodes.InvalidInput, json);
        }

        var summary = outcome.Value;
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(new BackupJson(summary.Path, summary.ActiveVersion, summary.Files, summary.Bytes), CliJsonContext.Output.BackupJson));
        }
        else
        {
            Console.Out.WriteLine($"{verb} {summary.Path}: {summary.Files} files, active certificate version {summary.ActiveVersion}.");
        }

        return ExitCodes.Success;
    }
}
