using System.CommandLine;
using CertManager.Core.Backup;

namespace CertManager.Cli.Commands;

/// <summary><c>certman restore</c>: a backup into a new or empty data directory, never over an existing one.</summary>
internal static class RestoreCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--in") { Description = "The archive written by certman backup.", Required = true };
        var dataDirectory = new Option<string>("--data-dir") { Description = "The data directory to create; it must not exist or be empty.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print what was restored as JSON on stdout." };
        var command = new Command("restore", "Restore a backup into a new, empty data directory (it never overwrites one).");
        command.Options.Add(input);
        command.Options.Add(dataDirectory);
        var passphrase = PassphraseOptions.AddTo(command);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var asJson = parse.GetValue(json);
            return passphrase.Run(parse, asJson, secret =>
            {
                var archive = parse.GetValue(input)!;
                try
                {
                    return BackupCommand.Report(DataDirectoryRestore.Restore(archive, secret, parse.GetValue(dataDirectory)!), "Restored into", asJson);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    return Failure.Report([CliErrors.InputUnreadable(archive, exception.Message)], ExitCodes.InvalidInput, asJson);
                }
            });
        });
        return command;
    }
}
