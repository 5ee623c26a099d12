using System.CommandLine;
using CertManager.Core.Install;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Cli.Commands;

/// <summary><c>certman activate VERSION</c>: rollback; the console presents an earlier installed version again (see <c>certman versions</c>).</summary>
internal static class ActivateCommand
{
    public static Command Create()
    {
        var version = new Argument<string>("VERSION") { Description = "An installed version, as certman versions lists it." };
        var dataDirectory = new Option<string>("--data-dir") { Description = "The console's data directory (its CertManager:DataDirectory).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON on stdout." };
        var command = new Command("activate", "Present an earlier installed version again (rollback).");
        command.Arguments.Add(version);
        command.Options.Add(dataDirectory);
        command.Options.Add(json);
        command.SetAction((parse, cancellationToken) =>
        {
            var asJson = parse.GetValue(json);
            return ConsoleSession.RunAsync(
                parse.GetValue(dataDirectory)!,
                asJson,
                async services =>
                {
                    var result = await services.GetRequiredService<CertificateInstaller>().ActivateVersionAsync(parse.GetValue(version)!, ConsoleSession.Actor, cancellationToken);
                    return result.Succeeded
                        ? InstalledOutput.Write(result.Value, [], "Activated", asJson)
                        : Failure.Report(result.Problems, InstallErrors.HasNotWritten(result.Problems) ? ExitCodes.Failure : ExitCodes.InvalidInput, asJson);
                },
                cancellationToken);
        });
        return command;
    }
}
