using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CertManager.Cli.Json;
using CertManager.Core.Fleet;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Cli.Commands;

/// <summary><c>certman fleet pair-code|list|remove</c>: on the proxy console, the servers that follow its certificate.</summary>
internal static class FleetCommand
{
    public static Command Create()
    {
        var command = new Command("fleet", "On the proxy console: pair, list and remove the servers behind it that follow its certificate.");
        command.Subcommands.Add(PairCode());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Remove());
        return command;
    }

    private static Command PairCode()
    {
        var (dataDirectory, json) = CommonOptions();
        var address = new Option<string>("--address") { Description = "The proxy console's HTTPS address as the servers behind it reach it, e.g. https://proxy.example.com:8443/.", Required = true };
        var command = new Command("pair-code", "Make a one-time pairing code (valid 15 minutes) to paste on a server with 'certman follow CODE'.");
        command.Options.Add(dataDirectory);
        command.Options.Add(address);
        command.Options.Add(json);
        command.SetAction((parse, cancellationToken) =>
        {
            var asJson = parse.GetValue(json);
            if (!Uri.TryCreate(parse.GetValue(address), UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
            {
                return Task.FromResult(Failure.Report([CliErrors.FleetAddressInvalid], ExitCodes.InvalidInput, asJson));
            }

            return ConsoleSession.RunAsync(parse.GetValue(dataDirectory)!, asJson, async services =>
            {
                var issued = await services.GetRequiredService<PairingService>().IssueAsync(url, ConsoleSession.Actor, cancellationToken);
                if (asJson)
                {
                    Console.Out.WriteLine(JsonSerializer.Serialize(new PairCodeJson(issued.Code, issued.Expires, issued.IdentityFingerprint), CliJsonContext.Output.PairCodeJson));
                }
                else
                {
                    Console.Out.WriteLine(issued.Code);
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Valid until {issued.Expires:yyyy-MM-dd HH:mm} UTC, once. Fleet identity key {issued.IdentityFingerprint}."));
                }

                return ExitCodes.Success;
            }, cancellationToken);
        });
        return command;
    }

    private static Command List()
    {
        var (dataDirectory, json) = CommonOptions();
        var command = new Command("list", "List the servers that follow this console, with what each last reported.");
        command.Options.Add(dataDirectory);
        command.Options.Add(json);
        command.SetAction((parse, cancellationToken) =>
        {
            var asJson = parse.GetValue(json);
            return ConsoleSession.RunAsync(parse.GetValue(dataDirectory)!, asJson, async services =>
            {
                var followers = (await services.GetRequiredService<FollowerRegistry>().ListAsync(cancellationToken)).Select(FollowerJson.From).ToList();
                if (asJson)
                {
                    Console.Out.WriteLine(JsonSerializer.Serialize(followers, CliJsonContext.Output.ListFollowerJson));
                    return ExitCodes.Success;
                }

                foreach (var f in followers)
                {
                    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{f.Id,4}  {f.Name,-20}  {f.State,-9}  last contact {f.LastContact?.ToString("u", CultureInfo.InvariantCulture) ?? "never"}  presents {f.PresentedFingerprint ?? "-"}{(f.PresentedNotAfter is { } notAfter ? $" (expires {notAfter:u})" : string.Empty)}"));
                    foreach (var problem in f.Problems)
                    {
                        Console.Out.WriteLine($"      {problem}");
                    }
                }

                if (followers.Count == 0)
                {
                    Console.Error.WriteLine("No servers follow this console.");
                }

                return ExitCodes.Success;
            }, cancellationToken);
        });
        return command;
    }

    private static Command Remove()
    {
        var (dataDirectory, json) = CommonOptions();
        var id = new Argument<long>("ID") { Description = "The server's number, as 'certman fleet list' shows it." };
        var command = new Command("remove", "Remove a server: it receives no more certificates or keys.");
        command.Arguments.Add(id);
        command.Options.Add(dataDirectory);
        command.Options.Add(json);
        command.SetAction((parse, cancellationToken) =>
        {
            var asJson = parse.GetValue(json);
            return ConsoleSession.RunAsync(parse.GetValue(dataDirectory)!, asJson, async services =>
            {
                var removed = await services.GetRequiredService<FollowerRegistry>().RemoveAsync(parse.GetValue(id), ConsoleSession.Actor, cancellationToken);
                if (!removed.Succeeded)
                {
                    return Failure.Report(removed.Problems, ExitCodes.InvalidInput, asJson);
                }

                if (asJson)
                {
                    Console.Out.WriteLine(JsonSerializer.Serialize(new List<FollowerJson> { FollowerJson.From(removed.Value) }, CliJsonContext.Output.ListFollowerJson));
                }
                else
                {
                    Console.Error.WriteLine($"Removed server '{removed.Value.Name}' (#{removed.Value.Id}).");
                }

                return ExitCodes.Success;
            }, cancellationToken);
        });
        return command;
    }

    internal static (Option<string> DataDirectory, Option<bool> Json) CommonOptions() =>
        (new Option<string>("--data-dir") { Description = "The console's data directory.", Required = true },
         new Option<bool>("--json") { Description = "Print the result as JSON on stdout." });
}
