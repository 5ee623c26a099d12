using System.CommandLine;
using System.Text.Json;
using CertManager.Acme.Challenges;
using CertManager.Acme.Enrollment;
using CertManager.Acme.Issuance;
using CertManager.Cli.Json;
using CertManager.Core.Enrollment;
using CertManager.Core.Install;
using CertManager.Core.Results;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Cli.Commands;

/// <summary>
/// <c>certman acme</c>: the console's ACME enrollment (RFC 8555) for scripts, over a console's data directory.
/// <c>register</c> creates (or reuses) the account of a directory, <c>order</c> obtains a certificate and installs it
/// through the same chain doctor and atomic install as the console, <c>status</c> lists accounts and orders. The
/// External Account Binding HMAC key comes from a file or the environment, never from the command line.
/// </summary>
internal static class AcmeCommand
{
    public const string HmacKeyVariable = "CERTMAN_ACME_EAB_HMAC_KEY";

    public static Command Create()
    {
        var command = new Command("acme", "Obtain certificates from an ACME CA (RFC 8555): Let's Encrypt, ZeroSSL, Google Trust Services, an enterprise ACME CA.");
        command.Subcommands.Add(CreateRegister());
        command.Subcommands.Add(CreateOrder());
        command.Subcommands.Add(CreateStatus());
        command.Subcommands.Add(RenewCommand.CreateAcme());
        command.Subcommands.Add(AcmeDnsUpdateCommand.Create());
        return command;
    }

    private sealed class AccountOptions
    {
        public Option<string> Directory { get; } = new("--directory") { Description = "The CA's ACME directory URL, e.g. https://acme-v02.api.letsencrypt.org/directory.", Required = true };

        public Option<string> Email { get; } = new("--email") { Description = "Contact email for the account (the CA's expiry and policy notices)." };

        public Option<bool> AgreeTerms { get; } = new("--agree-tos") { Description = "Agree to the CA's terms of service (the directory's meta.termsOfService)." };

        public Option<string> EabKeyId { get; } = new("--eab-kid") { Description = "External Account Binding key ID, for CAs that require it." };

        public Option<string> EabHmacFile { get; } = new("--eab-hmac-file") { Description = $"File holding the External Account Binding HMAC key (else ${HmacKeyVariable})." };

        public Option<string> DataDirectory { get; } = new("--data-dir") { Description = "The console's data directory.", Required = true };

        public IEnumerable<Option> All => [Directory, Email, AgreeTerms, EabKeyId, EabHmacFile, DataDirectory];

        public AcmeEnrollmentForm Form(ParseResult parse) => new()
        {
            DirectoryUrl = parse.GetValue(Directory),
            Email = parse.GetValue(Email),
            TermsOfServiceAgreed = parse.GetValue(AgreeTerms),
            ExternalAccountKeyId = parse.GetValue(EabKeyId),
            ExternalAccountHmacKey = parse.GetValue(EabKeyId) is { Length: > 0 } ? ReadHmacKey(parse.GetValue(EabHmacFile)) : null,
        };
    }

    private static Command CreateRegister()
    {
        var account = new AccountOptions();
        var command = new Command("register", "Create the account at the CA (once per directory; the key is kept encrypted in the data directory) or show the existing one.");
        foreach (var option in account.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => WithServicesAsync(parse.GetValue(account.DataDirectory)!, async services =>
        {
            // The CSR rules need a name; registration does not, so a placeholder passes them.
            var validated = AcmeEnrollmentService.Validate(account.Form(parse) with { CommonName = "account.invalid" });
            if (!validated.Succeeded)
            {
                return Fail(validated.Problems, ExitCodes.InvalidInput);
            }

            var session = await services.GetRequiredService<AcmeAccountService>().EnsureAccountAsync(validated.Value.DirectoryUrl, validated.Value.Registration, Actor, cancellationToken);
            if (!session.Succeeded)
            {
                return Fail(session.Problems, ExitCodes.Failure);
            }

            session.Value.Key.Dispose();
            Console.Out.WriteLine($"Account {session.Value.AccountUrl} at {session.Value.DirectoryUrl}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command CreateOrder()
    {
        var account = new AccountOptions();
        var commonName = new Option<string>("--cn") { Description = "Common name: the server's fully qualified name. Always the first alternate name.", Required = true };
        var alternateNames = new Option<string[]>("--san") { Description = "A further DNS name; repeat the option for each." };
        var keySize = new Option<int>("--key-size") { Description = "RSA key size in bits: 2048, 3072 or 4096; or 256 or 384 for an ECDSA P-256 or P-384 key when the console allows ECDSA (CertManager:Install:AllowedKeyAlgorithms).", DefaultValueFactory = _ => 2048 };
        var challenge = new Option<string>("--challenge") { Description = $"How the challenge is answered: {string.Join(", ", AcmeChallengeWays.All)}.", DefaultValueFactory = _ => AcmeChallengeWays.HttpConsole };
        var preferredRoot = new Option<string>("--preferred-chain") { Description = "The root CA name of the preferred chain when the CA offers alternates." };
        var acceptWarnings = new Option<bool>("--accept-warnings") { Description = "Install even when the chain doctor has warnings; errors always stop the install." };
        var command = new Command("order", "Obtain a certificate and install it. With http-console the running console answers the challenge on its HTTP port.")
        {
            commonName, alternateNames, keySize, challenge, preferredRoot, acceptWarnings,
        };
        foreach (var option in account.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => WithServicesAsync(parse.GetValue(account.DataDirectory)!, async services =>
        {
            var form = account.Form(parse) with
            {
                CommonName = parse.GetValue(commonName),
                AlternateNames = parse.GetValue(alternateNames) ?? [],
                KeySize = parse.GetValue(keySize),
                ChallengeWay = parse.GetValue(challenge)!,
                PreferredRoot = parse.GetValue(preferredRoot),
            };
            var validated = AcmeEnrollmentService.Validate(form, services.GetRequiredService<KeyAlgorithmPolicy>().AllowsEcdsa);
            if (!validated.Succeeded)
            {
                return Fail(validated.Problems, ExitCodes.InvalidInput);
            }

            ProblemWriter.Write(validated.Problems);
            var service = services.GetRequiredService<AcmeEnrollmentService>();
            var progress = new Progress<AcmeProgress>(p => Console.Error.WriteLine($"ACME: {p.Step}{(p.Identifier is null ? string.Empty : " " + p.Identifier)}"));
            var obtained = await service.ObtainAsync(validated.Value, Actor, progress, cancellationToken: cancellationToken);
            if (!obtained.Succeeded)
            {
                return Fail(obtained.Problems, ExitCodes.Failure);
            }

            using var enrollment = obtained.Value;
            ProblemWriter.Write(enrollment.Report.Problems);
            var installed = await service.InstallAsync(enrollment, parse.GetValue(acceptWarnings), Actor, cancellationToken);
            if (!installed.Succeeded)
            {
                return Fail(installed.Problems, installed.Problems.Any(p => p == InstallErrors.WarningsNotConfirmed) ? ExitCodes.WarningsNotAccepted : ExitCodes.ChecksFailed);
            }

            Console.Out.WriteLine($"Installed '{installed.Value.Subject}' as version {installed.Value.Version}; SHA-256 {installed.Value.Sha256Fingerprint}.");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command CreateStatus()
    {
        var dataDirectory = new Option<string>("--data-dir") { Description = "The console's data directory.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON document on stdout." };
        var command = new Command("status", "List the ACME accounts and the latest orders with their outcome.") { dataDirectory, json };
        command.SetAction((parse, cancellationToken) => WithServicesAsync(parse.GetValue(dataDirectory)!, async services =>
        {
            var store = services.GetRequiredService<AcmeStore>();
            var accounts = await store.ListAccountsAsync(cancellationToken);
            var orders = await store.ListOrdersAsync(20, cancellationToken);
            var dnsUpdate = await services.GetRequiredService<AcmeDnsUpdateStore>().GetAsync(cancellationToken);
            AcmeDnsUpdateStore.Forget(dnsUpdate);
            var status = new AcmeStatusJson(
                [.. accounts.Select(a => new AcmeAccountJson(a.DirectoryUrl.AbsoluteUri, a.AccountUrl.AbsoluteUri, a.Status, a.Contact, a.Created))],
                [.. orders.Select(o => new AcmeOrderJson(o.Id, o.DirectoryUrl.AbsoluteUri, o.OrderUrl?.AbsoluteUri, o.Names, o.ChallengeWay, o.Status.ToString(), o.LastStep, o.Outcome, o.Created, o.Updated))],
                dnsUpdate is null ? null : new AcmeDnsUpdateJson(dnsUpdate.Server, dnsUpdate.Port, dnsUpdate.Zone, dnsUpdate.KeyName, dnsUpdate.Algorithm, dnsUpdate.Updated, dnsUpdate.UpdatedBy));
            foreach (var account in accounts)
            {
                account.Dispose();
            }

            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(status, CliJsonContext.Default.AcmeStatusJson));
                return ExitCodes.Success;
            }

            foreach (var account in status.Accounts)
            {
                Console.Out.WriteLine($"Account {account.AccountUrl} ({account.Status}) at {account.DirectoryUrl}");
            }

            if (dnsUpdate is not null)
            {
                Console.Out.WriteLine($"dns-01 by RFC 2136: TSIG key {dnsUpdate}");
            }

            foreach (var order in status.Orders)
            {
                Console.Out.WriteLine($"Order #{order.Id} {string.Join(", ", order.Names)}: {order.Status}{(order.Outcome is null ? string.Empty : " - " + order.Outcome)}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    internal static string Actor => $"cli:{Environment.UserName}";

    internal static async Task<int> WithServicesAsync(string dataDirectory, Func<ServiceProvider, Task<int>> action)
    {
        if (!Directory.Exists(dataDirectory))
        {
            return Fail([CliErrors.DataDirectoryMissing(dataDirectory)], ExitCodes.InvalidInput);
        }

        try
        {
            await using var services = await ConsoleServices.OpenAsync(dataDirectory, CancellationToken.None);
            return await action(services);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    private static string? ReadHmacKey(string? file) =>
        file is not null
            ? (File.Exists(file) ? File.ReadLines(file).FirstOrDefault()?.Trim() : null)
            : Environment.GetEnvironmentVariable(HmacKeyVariable);

    internal static int Fail(IReadOnlyList<Problem> problems, int exitCode)
    {
        ProblemWriter.Write(problems);
        return exitCode;
    }
}
