using System.CommandLine;
using CertManager.Core.Install;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Cli.Commands;

/// <summary>
/// <c>certman uninstall</c>: the console presents its self-signed default certificate again (the same one as before
/// the first install). Installed versions are kept for <c>certman activate</c>.
/// </summary>
internal static class UninstallCommand
{
    public static Command Create()
    {
        var dataDirectory = new Option<string>("--data-dir") { Description = "The console's data directory (its CertManager:DataDirectory).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON on stdout." };
        var command = new Command("uninstall", "Go back to the console's self-signed default certificate; installed versions are kept.");
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
                    var result = await services.GetRequiredService<CertificateInstaller>().UninstallAsync(ConsoleSession.Actor, cancellationToken);
                    return result.Succeeded
                        ? InstalledOutput.Write(result.Value, [], "Uninstalled; presenting the self-signed default", asJson)
                        : Failure.Report(result.Problems, InstallErrors.HasNotWritten(result.Problems) ? ExitCodes.Failure : ExitCodes.InvalidInput, asJson);
                },
                cancellationToken);
        });
        return command;
    }
}
