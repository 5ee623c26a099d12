using System.CommandLine;
using System.Text.Json;
using CertManager.Acme.Renewal;
using CertManager.Cli.Json;
using CertManager.Core.Results;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Cli.Commands;

/// <summary>
/// <c>certman acme renew</c>: renews the presented certificate over ACME now, as the console's "Renew now" does: the
/// same order (names, key size, challenge way, <c>replaces</c> when the CA offers ARI), and the same rule for
/// installing it or holding it for an administrator.
/// </summary>
internal static class AcmeRenewCommand
{
    public static Command Create()
    {
        var dataDirectory = new Option<string>("--data-dir") { Description = "The console's data directory.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON document on stdout." };
        var command = new Command("renew", "Renew the presented ACME certificate now; it installs, or is held when the certificate is set to wait or the chain doctor questions it.")
        {
            dataDirectory, json,
        };
        command.SetAction((parse, cancellationToken) => AcmeCommand.WithServicesAsync(parse.GetValue(dataDirectory)!, async services =>
        {
            var asJson = parse.GetValue(json);
            var renewed = await services.GetRequiredService<AcmeRenewalService>().RenewNowAsync(AcmeCommand.Actor, cancellationToken);
            if (!renewed.Succeeded)
            {
                var invalid = renewed.Problems.Any(p => p.Code == AcmeRenewalService.NotAcmeCertificateCode);
                return CliFailure.Report(renewed.Problems, invalid ? ExitCodes.InvalidInput : ExitCodes.Failure, asJson);
            }

            var outcome = renewed.Value;
            ProblemWriter.Write(outcome.HeldFor);
            if (asJson)
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new AcmeRenewJson(outcome.Message, outcome.Installed, outcome.OrderId, ProblemJson.From(outcome.HeldFor)), CliJsonContext.Output.AcmeRenewJson));
            }
            else
            {
                Console.Out.WriteLine(outcome.Message);
            }

            // Held by the chain doctor: as 'install' without --accept-warnings (4), or with errors (3). Held because the
            // certificate is set to wait for confirmation is what was asked for (0).
            return outcome.HeldFor.Any(p => p.Severity == Severity.Error) ? ExitCodes.ChecksFailed
                : outcome.HeldFor.Count > 0 ? ExitCodes.WarningsNotAccepted
                : ExitCodes.Success;
        }));
        return command;
    }
}
