using System.CommandLine;
using System.Text.Json;
using CertManager.Acme.Renewal;
using CertManager.Cli.Json;
using CertManager.Core.Renewal;
using CertManager.Core.Results;
using CertManager.Scep;
using CertManager.Scep.Renewal;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Cli.Commands;

/// <summary>
/// <c>certman acme renew</c> and <c>certman scep renew</c>: renew the presented certificate now, as the console's
/// "Renew now" does, through the source's renewal service (ACME: the same order, <c>replaces</c> when the CA offers
/// ARI; SCEP: a RenewalReq signed with the presented certificate), with the one rule for installing it or holding it
/// for an administrator. Both print the same JSON and end with the same exit codes.
/// </summary>
internal static class RenewCommand
{
    public static Command CreateAcme() => Create(
        "Renew the presented ACME certificate now; it installs, or is held when the certificate is set to wait or the chain doctor questions it.",
        AcmeRenewalService.NotAcmeCertificateCode,
        (services, cancellationToken) => services.GetRequiredService<AcmeRenewalService>().RenewNowAsync(ConsoleSession.Actor, cancellationToken),
        outcome => (outcome.Reference, null));

    public static Command CreateScep() => Create(
        "Renew the presented SCEP certificate now by re-enrollment (RFC 8894 RenewalReq); it installs, is held when the certificate is set to wait or the chain doctor questions it, or is pending when the CA holds it for approval.",
        ScepErrors.NotScepCertificateCode,
        (services, cancellationToken) => services.GetRequiredService<ScepRenewalService>().RenewNowAsync(ConsoleSession.Actor, cancellationToken),
        outcome => (null, outcome.Installed ? null : outcome.Reference));

    private static Command Create(
        string description,
        string notThisSourceCode,
        Func<ServiceProvider, CancellationToken, Task<Result<RenewalOutcome>>> renew,
        Func<RenewalOutcome, (long? OrderId, long? TransactionId)> references)
    {
        var dataDirectory = new Option<string>("--data-dir") { Description = "The console's data directory.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON document on stdout." };
        var command = new Command("renew", description) { dataDirectory, json };
        command.SetAction((parse, cancellationToken) =>
        {
            var asJson = parse.GetValue(json);
            var directory = parse.GetValue(dataDirectory)!;
            if (!Directory.Exists(directory))
            {
                return Task.FromResult(CliFailure.Report([CliErrors.DataDirectoryMissing(directory)], ExitCodes.InvalidInput, asJson));
            }

            return ConsoleSession.RunAsync(directory, asJson, async services =>
            {
                var renewed = await renew(services, cancellationToken);
                if (!renewed.Succeeded)
                {
                    var invalid = renewed.Problems.Any(p => p.Code == notThisSourceCode);
                    return CliFailure.Report(renewed.Problems, invalid ? ExitCodes.InvalidInput : ExitCodes.Failure, asJson);
                }

                return Report(renewed.Value, references(renewed.Value), asJson);
            }, cancellationToken);
        });
        return command;
    }

    private static int Report(RenewalOutcome outcome, (long? OrderId, long? TransactionId) reference, bool asJson)
    {
        ProblemWriter.Write(outcome.HeldFor);
        if (asJson)
        {
            var document = new RenewJson(outcome.Message, outcome.Installed, reference.OrderId, reference.TransactionId, outcome.Pending ? true : null, ProblemJson.From(outcome.HeldFor));
            Console.Out.WriteLine(JsonSerializer.Serialize(document, CliJsonContext.Output.RenewJson));
        }
        else
        {
            Console.Out.WriteLine(outcome.Message);
        }

        // Held by the chain doctor: as 'install' without --accept-warnings (4), or with errors (3). Pending at the CA: 5,
        // as 'scep enroll'. Held because the certificate is set to wait for confirmation is what was asked for (0).
        return outcome.Pending ? ExitCodes.Pending
            : outcome.HeldFor.Any(p => p.Severity == Severity.Error) ? ExitCodes.ChecksFailed
            : outcome.HeldFor.Count > 0 ? ExitCodes.WarningsNotAccepted
            : ExitCodes.Success;
    }
}
