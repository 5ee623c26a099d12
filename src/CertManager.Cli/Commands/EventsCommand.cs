using System.CommandLine;
using System.Text.Json;
using CertManager.Cli.Json;
using CertManager.Core.Events;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Cli.Commands;

/// <summary><c>certman events</c>: the console's event log, newest first, optionally only one severity.</summary>
internal static class EventsCommand
{
    public static Command Create()
    {
        var dataDirectory = new Option<string>("--data-dir") { Description = "The console's data directory.", Required = true };
        var severity = new Option<string>("--severity") { Description = "Only events of this severity: major, minor, warning or info." };
        severity.AcceptOnlyFromAmong("major", "minor", "warning", "info", "MAJOR", "MINOR", "WARNING", "INFO");
        var limit = new Option<int>("--limit") { Description = "At most this many events.", DefaultValueFactory = _ => 100 };
        var json = new Option<bool>("--json") { Description = "Print the events as JSON on stdout." };

        var command = new Command("events", "List the console's events (expiry, installs, CSRs, sign-in failures, alert delivery), newest first.");
        foreach (var option in new Option[] { dataDirectory, severity, limit, json })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(dataDirectory)!,
            parse.GetValue(severity) is { } text ? Enum.Parse<EventSeverity>(text, ignoreCase: true) : null,
            parse.GetValue(limit),
            parse.GetValue(json),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string dataDirectory, EventSeverity? severity, int limit, bool json, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(dataDirectory))
        {
            return CliFailure.Report([CliErrors.DataDirectoryMissing(dataDirectory)], ExitCodes.Failure, json);
        }

        EventPage page;
        try
        {
            await using var services = await ConsoleServices.OpenAsync(dataDirectory, cancellationToken);
            page = await services.GetRequiredService<EventRecorder>().QueryAsync(new EventQuery { Severity = severity, PageSize = Math.Max(1, limit) }, cancellationToken);
        }
        catch (Exception exception) when (exception is SqliteException or IOException or UnauthorizedAccessException)
        {
            return CliFailure.Report([CliErrors.DataDirectoryUnusable(dataDirectory, exception.Message)], ExitCodes.Failure, json);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }

        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(page.Items.Select(EventJson.From).ToList(), CliJsonContext.Output.ListEventJson));
            return ExitCodes.Success;
        }

        foreach (var e in page.Items)
        {
            Console.Out.WriteLine(EventJson.FormatLine(e));
        }

        if (page.Items.Count == 0)
        {
            Console.Error.WriteLine("No events.");
        }

        return ExitCodes.Success;
    }
}
