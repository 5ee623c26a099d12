using System.CommandLine;
using System.Text;
using CertManager.Core.Results;
using CertManager.Scep;
using CertManager.Scep.Enrollment;
using CertManager.Scep.Transport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CertManager.Cli.Commands;

/// <summary>
/// <c>certman scep</c>: the console's SCEP enrollment (RFC 8894) for scripts. <c>cacaps</c> shows what a CA offers
/// and its certificates; <c>enroll</c> enrolls and installs into a console's data directory through the same chain
/// doctor and atomic install as the console's page. The enrollment password comes from a file, an environment
/// variable or a prompt, never from the command line (it would show in the process list and shell history).
/// </summary>
internal static class ScepCommand
{
    public const string ChallengeVariable = "CERTMAN_SCEP_CHALLENGE";

    public static Command Create()
    {
        var command = new Command("scep", "Enroll with an enterprise CA over SCEP (RFC 8894), e.g. Windows NDES.");
        command.Subcommands.Add(CreateCaCaps());
        command.Subcommands.Add(CreateEnroll());
        command.Subcommands.Add(RenewCommand.CreateScep());
        return command;
    }

    private static Option<string> UrlOption() => new("--url")
    {
        Description = "The SCEP URL, e.g. http://ndes.example.com/certsrv/mscep/mscep.dll or http://127.0.0.1:8080/scep.",
        Required = true,
    };

    private static Command CreateCaCaps()
    {
        var url = UrlOption();
        var command = new Command("cacaps", "Show the CA's capabilities (GetCACaps), the algorithms CertManager would use, and its CA/RA certificates (GetCACert).") { url };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (ScepEndpoint.TryParse(parse.GetValue(url), out var reason) is not { } endpoint)
            {
                return Fail([ScepErrors.AddressInvalid(reason!)], ExitCodes.InvalidInput);
            }

            // Never follow a redirect: the CA is who the administrator named, not whoever it points to.
            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
            var client = new ScepClient(http, Options.Create(new ScepOptions()), TimeProvider.System);
            var capabilities = await client.GetCapabilitiesAsync(endpoint, cancellationToken);
            if (!capabilities.Succeeded)
            {
                return Fail(capabilities.Problems, ExitCodes.Failure);
            }

            Console.Out.WriteLine($"Capabilities: {string.Join(' ', capabilities.Value.Keywords)}");
            var algorithms = CertManager.Scep.Protocol.ScepAlgorithms.Choose(capabilities.Value);
            Console.Out.WriteLine(algorithms is null
                ? "Algorithms: none acceptable (CertManager needs SHA-256 or better and AES or triple DES)"
                : $"Algorithms: {algorithms.DigestName}, {algorithms.CipherName}, {(capabilities.Value.PostPkiOperation ? "POST" : "GET")}");
            var certificates = await client.GetCaCertificatesAsync(endpoint, cancellationToken);
            if (!certificates.Succeeded)
            {
                return Fail(certificates.Problems, ExitCodes.Failure);
            }

            PrintCertificates(Console.Out, certificates.Value);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateEnroll()
    {
        var url = UrlOption();
        var commonName = new Option<string>("--cn") { Description = "Common name: the server's fully qualified name. Always the first alternate name.", Required = true };
        var alternateNames = new Option<string[]>("--san") { Description = "A further DNS name or IP address; repeat the option for each." };
        var keySize = new Option<int>("--key-size") { Description = "RSA key size in bits: 2048, 3072 or 4096.", DefaultValueFactory = _ => 2048 };
        var fingerprint = new Option<string>("--ca-fingerprint") { Description = "The SHA-256 fingerprint the CA certificate must have (see 'certman scep cacaps'). Required for an http:// URL; over https:// without it the certificates received are printed and trusted." };
        var dataDirectory = new Option<string>("--data-dir") { Description = "The console's data directory: the issued certificate is checked and installed there.", Required = true };
        var challengeFile = new Option<string>("--challenge-file") { Description = "Read the enrollment password from this file (first line)." };
        var acceptWarnings = new Option<bool>("--accept-warnings") { Description = "Install even when the chain doctor has warnings (e.g. no serverAuth usage); errors always stop the install." };
        var command = new Command("enroll", $"Enroll over SCEP and install the issued certificate. The enrollment password is read from --challenge-file, else ${ChallengeVariable}, else a prompt.")
        {
            url, commonName, alternateNames, keySize, fingerprint, dataDirectory, challengeFile, acceptWarnings,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var form = new ScepEnrollmentForm { CommonName = parse.GetValue(commonName), AlternateNames = parse.GetValue(alternateNames) ?? [], KeySize = parse.GetValue(keySize), ExpectedCaFingerprint = parse.GetValue(fingerprint) };
            if (ScepEndpoint.TryParse(parse.GetValue(url), out var reason) is not { } endpoint)
            {
                return Fail([ScepErrors.AddressInvalid(reason!)], ExitCodes.InvalidInput);
            }

            // Over plain HTTP nothing authenticates the CA certificate that arrives: only a pinned fingerprint does.
            if (endpoint.Url.Scheme == Uri.UriSchemeHttp && string.IsNullOrWhiteSpace(form.ExpectedCaFingerprint))
            {
                return Fail([ScepErrors.FingerprintRequired(endpoint.Url)], ExitCodes.InvalidInput);
            }

            var validated = ScepEnrollmentService.Validate(form with { CaAddress = $"{endpoint.Url.Scheme}://{endpoint.Url.Authority}", UriPath = endpoint.Url.AbsolutePath });
            if (!validated.Succeeded)
            {
                return Fail(validated.Problems, ExitCodes.InvalidInput);
            }

            var challenge = ReadChallenge(parse.GetValue(challengeFile));
            if (string.IsNullOrEmpty(challenge))
            {
                return Fail([ScepErrors.ChallengeRequired], ExitCodes.InvalidInput);
            }

            var directory = parse.GetValue(dataDirectory)!;
            if (!Directory.Exists(directory))
            {
                return Fail([CliErrors.DataDirectoryMissing(directory)], ExitCodes.InvalidInput);
            }

            try
            {
                await using var services = await ConsoleServices.OpenAsync(directory, cancellationToken);
                return await EnrollAsync(services.GetRequiredService<ScepEnrollmentService>(), validated.Value, challenge, parse.GetValue(acceptWarnings), cancellationToken);
            }
            finally
            {
                SqliteConnection.ClearAllPools();
            }
        });
        return command;
    }

    private static async Task<int> EnrollAsync(ScepEnrollmentService service, ScepEnrollmentRequest request, string challenge, bool acceptWarnings, CancellationToken cancellationToken)
    {
        var actor = $"cli:{Environment.UserName}";
        var ca = await service.ContactCaAsync(request, cancellationToken);
        if (!ca.Succeeded)
        {
            return Fail(ca.Problems, ExitCodes.Failure);
        }

        PrintCertificates(Console.Error, ca.Value.Certificates);
        var enrolled = await service.EnrollAsync(request, ca.Value, challenge, actor, new Progress<ScepStep>(step => Console.Error.WriteLine($"SCEP: {step}")), cancellationToken);
        if (!enrolled.Succeeded)
        {
            return Fail(enrolled.Problems, ExitCodes.Failure);
        }

        using var enrollment = enrolled.Value;
        if (enrollment.Pending is { } pending)
        {
            // Polling needs a process that keeps running: the console's job picks the transaction up from the data directory.
            Console.Error.WriteLine($"The CA put the request on hold for approval by the CA administrator (PENDING, transaction {pending.TransactionId}).");
            Console.Error.WriteLine("The transaction is kept in the data directory; the console asks the CA again until it is issued, rejected or cancelled (Web Server tab).");
            return ExitCodes.Pending;
        }

        ProblemWriter.Write(enrollment.Report!.Problems);
        var installed = await service.InstallAsync(enrollment, acceptWarnings, actor, cancellationToken);
        if (!installed.Succeeded)
        {
            return Fail(installed.Problems, ExitCodes.Failure);
        }

        Console.Out.WriteLine($"Installed '{installed.Value.Subject}' as version {installed.Value.Version}; SHA-256 {installed.Value.Sha256Fingerprint}.");
        return ExitCodes.Success;
    }

    /// <summary>The enrollment password: a file, the environment, or a prompt without echo (one line from stdin when it is redirected).</summary>
    private static string? ReadChallenge(string? file)
    {
        if (file is not null)
        {
            return File.Exists(file) ? File.ReadLines(file).FirstOrDefault()?.TrimEnd('\r') : null;
        }

        if (Environment.GetEnvironmentVariable(ChallengeVariable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        if (Console.IsInputRedirected)
        {
            return Console.In.ReadLine();
        }

        Console.Error.Write("Enrollment password: ");
        var typed = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return typed.ToString();
    }

    private static void PrintCertificates(TextWriter writer, CertManager.Scep.Protocol.CaCertificateSet certificates)
    {
        foreach (var certificate in certificates.Summaries)
        {
            writer.WriteLine($"{certificate.Source}: {certificate.Subject}");
            writer.WriteLine($"  Issuer:  {certificate.Issuer}");
            writer.WriteLine($"  SHA-256: {certificate.Sha256Fingerprint}");
            writer.WriteLine($"  Valid:   {certificate.NotBefore:yyyy-MM-dd} to {certificate.NotAfter:yyyy-MM-dd}");
        }
    }

    private static int Fail(IReadOnlyList<Problem> problems, int exitCode)
    {
        ProblemWriter.Write(problems);
        return exitCode;
    }
}
