using System.CommandLine;
using System.Text.Json;
using CertManager.Cli.Json;
using CertManager.Core.Fleet;
using CertManager.Core.Results;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Cli.Commands;

/// <summary>
/// <c>certman follow CODE|status|stop</c>: on a server behind a proxy, follow the proxy console's certificate. The console
/// of this data directory then polls the proxy and installs what it sends.
/// </summary>
internal static class FollowCommand
{
    public static Command Create()
    {
        var (dataDirectory, json) = FleetCommand.CommonOptions();
        var code = new Argument<string>("CODE") { Description = "The pairing code from the proxy console ('certman fleet pair-code' or its 'Servers behind this proxy' page)." };
        var name = new Option<string>("--name") { Description = "How the proxy console lists this server (default: the host name).", DefaultValueFactory = _ => Environment.MachineName };
        var command = new Command("follow", "Follow the certificate of a proxy console: pair with CODE; 'status' and 'stop' show and end it.");
        command.Arguments.Add(code);
        command.Options.Add(dataDirectory);
        command.Options.Add(name);
        command.Options.Add(json);
        command.Subcommands.Add(Status());
        command.Subcommands.Add(Stop());
        command.SetAction((parse, cancellationToken) =>
        {
            var asJson = parse.GetValue(json);
            return ConsoleSession.RunAsync(parse.GetValue(dataDirectory)!, asJson, async services =>
            {
                var followed = await services.GetRequiredService<FollowerEnrollment>().FollowAsync(parse.GetValue(code)!, parse.GetValue(name)!, ConsoleSession.Actor, cancellationToken);
                return Print(followed, asJson, ExitFor(followed), "Now following the proxy; the console polls it and installs its certificate.");
            }, cancellationToken);
        });
        return command;
    }

    private static Command Status()
    {
        var (dataDirectory, json) = FleetCommand.CommonOptions();
        var command = new Command("status", "Show the proxy this console follows and how its last poll ended.");
        command.Options.Add(dataDirectory);
        command.Options.Add(json);
        command.SetAction((parse, cancellationToken) =>
        {
            var asJson = parse.GetValue(json);
            return ConsoleSession.RunAsync(parse.GetValue(dataDirectory)!, asJson, async services =>
            {
                var following = await services.GetRequiredService<FollowingStore>().GetAsync(cancellationToken);
                var result = following is null ? Result<FollowingSummary>.Failure(FleetErrors.NotFollowing) : Result<FollowingSummary>.Success(following);
                return Print(result, asJson, ExitCodes.Failure, null);
            }, cancellationToken);
        });
        return command;
    }

    private static Command Stop()
    {
        var (dataDirectory, json) = FleetCommand.CommonOptions();
        var command = new Command("stop", "Stop following the proxy; the installed certificate stays.");
        command.Options.Add(dataDirectory);
        command.Options.Add(json);
        command.SetAction((parse, cancellationToken) =>
        {
            var asJson = parse.GetValue(json);
            return ConsoleSession.RunAsync(parse.GetValue(dataDirectory)!, asJson, async services =>
            {
                var stopped = await services.GetRequiredService<FollowerPairing>().StopAsync(ConsoleSession.Actor, cancellationToken);
                return Print(stopped, asJson, ExitCodes.Failure, "Stopped following; the installed certificate stays.");
            }, cancellationToken);
        });
        return command;
    }

    /// <summary>A code that is malformed, unknown, used or expired is invalid input (2); an unreachable proxy is a failure (1).</summary>
    private static int ExitFor(Result<FollowingSummary> result) =>
        !result.Succeeded && (result.Problems[0].Code.StartsWith("fleet.code-", StringComparison.Ordinal) || result.Problems[0].Code == FleetErrors.NameInvalid.Code)
            ? ExitCodes.InvalidInput
            : ExitCodes.Failure;

    private static int Print(Result<FollowingSummary> result, bool json, int failureExit, string? note)
    {
        if (!result.Succeeded)
        {
            return Failure.Report(result.Problems, failureExit, json);
        }

        var f = FollowingJson.From(result.Value);
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(f, CliJsonContext.Output.FollowingJson));
        }
        else
        {
            Console.Out.WriteLine($"Follows {f.EdgeUrl} as '{f.Name}' (#{f.FollowerId}); fleet identity key {f.EdgeIdentityFingerprint}.");
            Console.Out.WriteLine($"Last contact: {f.LastContact?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "never"}. {f.LastOutcome}");
        }

        if (note is not null)
        {
            Console.Error.WriteLine(note);
        }

        return ExitCodes.Success;
    }
}
