using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CertManager.Cli.Json;
using CertManager.Core.Expiry;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Cli.Commands;

/// <summary>
/// <c>certman check-expiry</c>: runs the console's expiry check once (for cron and monitoring scripts), raising and
/// resolving the same events the console's hourly job does, the servers behind this proxy included. Exit code 3 while
/// this console's own certificate or an intermediate has expired (a follower's expired certificate is an event, not
/// this exit code).
/// </summary>
internal static class CheckExpiryCommand
{
    public static Command Create()
    {
        var dataDirectory = new Option<string>("--data-dir") { Description = "The console's data directory.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the checked certificates as JSON on stdout." };
        var command = new Command("check-expiry", "Check the presented certificate, its intermediates and the certificates of the servers behind this proxy against the expiry thresholds once; exit 3 when this console's certificate or an intermediate has expired.");
        command.Options.Add(dataDirectory);
        command.Options.Add(json);
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(dataDirectory)!, parse.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string dataDirectory, bool json, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(dataDirectory))
        {
            return CliFailure.Report([CliErrors.DataDirectoryMissing(dataDirectory)], ExitCodes.Failure, json);
        }

        ExpiryCheckResult result;
        try
        {
            await using var services = await ConsoleServices.OpenAsync(dataDirectory, cancellationToken);
            result = await services.GetRequiredService<ExpiryChecker>().CheckAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is SqliteException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return CliFailure.Report([CliErrors.DataDirectoryUnusable(dataDirectory, exception.Message)], ExitCodes.Failure, json);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }

        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(ExpiryCheckJson.From(result), CliJsonContext.Output.ExpiryCheckJson));
        }
        else
        {
            foreach (var finding in result.Findings)
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{finding.Level.ToString().ToUpperInvariant(),-7}  {finding.DaysRemaining,5} day(s)  {finding.NotAfter.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}  {(finding.IsIntermediate ? "intermediate" : "server"),-12}  {finding.Subject}"));
            }

            foreach (var follower in result.Followers)
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{follower.Level.ToString().ToUpperInvariant(),-7}  {follower.DaysRemaining,5} day(s)  {follower.NotAfter.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}  {"follower",-12}  {follower.Subject} (server '{follower.FollowerName}' #{follower.FollowerId})"));
            }
        }

        Console.Error.WriteLine($"{result.Raised} event(s) raised, {result.Resolved} resolved.");
        return result.HasMajor ? ExitCodes.MajorEventActive : ExitCodes.Success;
    }
}
