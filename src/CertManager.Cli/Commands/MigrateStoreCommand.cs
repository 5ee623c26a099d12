using System.CommandLine;
using System.Text.Json;
using CertManager.Cli.Json;
using CertManager.Core.Storage;
using CertManager.Core.Storage.StoreMigration;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Cli.Commands;

/// <summary>
/// <c>certman migrate-store</c>: copies a stopped console's whole state from its SQLite data directory into an empty
/// PostgreSQL database (<see cref="StoreMigrator"/>), then checks the copy. The connection string is never printed.
/// </summary>
internal static class MigrateStoreCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "The store to copy from: sqlite.", Required = true };
        from.AcceptOnlyFromAmong("sqlite");
        var dataDirectory = new Option<string>("--data-dir") { Description = "The stopped console's data directory (its CertManager:DataDirectory); only read.", Required = true };
        var to = new Option<string>("--to") { Description = "The store to copy into: postgresql.", Required = true };
        to.AcceptOnlyFromAmong("postgresql");
        var connection = new Option<string>("--connection") { Description = "The Npgsql connection string of an empty database. Prefer --connection-file: a command line is visible to other users." };
        var connectionFile = new Option<string>("--connection-file") { Description = "A file (mode 0600) holding the connection string, as CertManager:Database:ConnectionStringFile does." };
        var json = new Option<bool>("--json") { Description = "Print the tables copied and the checks as JSON on stdout." };
        var command = new Command("migrate-store", "Copy a stopped console's state from its SQLite data directory into an empty PostgreSQL database, then check the copy.");
        foreach (var option in new Option[] { from, dataDirectory, to, connection, connectionFile, json })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            if ((result.GetResult(connection) is null) == (result.GetResult(connectionFile) is null))
            {
                result.AddError("Give the PostgreSQL database with exactly one of --connection and --connection-file.");
            }
        });
        command.SetAction((parse, cancellationToken) =>
        {
            var asJson = parse.GetValue(json);
            var directory = parse.GetValue(dataDirectory)!;
            if (!File.Exists(new DataDirectory(directory).DatabaseFile))
            {
                return Task.FromResult(Failure.Report([StoreMigrationErrors.SourceMissing(Path.GetFullPath(directory))], ExitCodes.InvalidInput, asJson));
            }

            string connectionString;
            if (parse.GetValue(connectionFile) is { } file)
            {
                try
                {
                    connectionString = File.ReadAllText(file).Trim();
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    return Task.FromResult(Failure.Report([CliErrors.InputUnreadable(file, exception.Message)], ExitCodes.InvalidInput, asJson));
                }
            }
            else
            {
                connectionString = parse.GetValue(connection)!;
            }

            // The source is the directory's SQLite file, whatever CertManager__Database__* says in this shell.
            var sqlite = new Dictionary<string, string?> { ["CertManager:Database:Provider"] = "Sqlite", ["CertManager:Database:ConnectionString"] = null, ["CertManager:Database:ConnectionStringFile"] = null };
            return ConsoleSession.RunAsync(directory, asJson, async services =>
            {
                var copied = await services.GetRequiredService<StoreMigrator>().CopyToPostgreSqlAsync(connectionString, cancellationToken);
                if (!copied.Succeeded)
                {
                    var refused = copied.Problems.Any(p => p.Code is StoreMigrationErrors.TargetNotEmptyCode or StoreMigrationErrors.ConnectionInvalidCode);
                    return Failure.Report(copied.Problems, refused ? ExitCodes.InvalidInput : ExitCodes.Failure, asJson);
                }

                Print(copied.Value, Path.GetFullPath(directory), asJson);
                return ExitCodes.Success;
            }, cancellationToken, sqlite);
        });
        return command;
    }

    private static void Print(StoreMigrationReport report, string directory, bool json)
    {
        if (json)
        {
            var tables = report.Tables.Select(t => new TableCountJson(t.Table, t.Source, t.Target)).ToList();
            Console.Out.WriteLine(JsonSerializer.Serialize(new StoreMigrationJson(report.Target, tables, report.ActiveVersion, report.ActiveThumbprint, report.KeysChecked), CliJsonContext.Output.StoreMigrationJson));
            return;
        }

        Console.Out.WriteLine($"Copied the console in {directory} into the {report.Target}.");
        Console.Out.WriteLine($"{"Table",-24} {"SQLite",10} {"PostgreSQL",10}");
        foreach (var table in report.Tables)
        {
            Console.Out.WriteLine($"{table.Table,-24} {table.Source,10} {table.Target,10}");
        }

        Console.Out.WriteLine($"Both present version {report.ActiveVersion} (SHA-256 {report.ActiveThumbprint}); {report.KeysChecked} stored keys decrypt with the master key.");
        Console.Out.WriteLine("Next: copy the master key to every node, set CertManager__Database__Provider=PostgreSql and the connection string, then start the console (docs/operations.md).");
    }
}
