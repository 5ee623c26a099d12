using System.CommandLine;
using System.Text.Json;
using CertManager.Cli.Json;
using CertManager.Core.Csr;
using CertManager.Core.Results;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Cli.Commands;

/// <summary>
/// <c>certman csr</c>: a new RSA key and a PKCS#10 request (RFC 2986), through the same validator and generator as
/// the console's form. With <c>--data-dir</c> the key is stored in that console as a pending request; without it
/// the key goes to a private file and no console knows about it.
/// </summary>
internal static class CsrCommand
{
    private static readonly Dictionary<string, CsrHashAlgorithm> Hashes = new(StringComparer.Ordinal)
    {
        ["sha256"] = CsrHashAlgorithm.Sha256,
        ["sha384"] = CsrHashAlgorithm.Sha384,
        ["sha512"] = CsrHashAlgorithm.Sha512,
    };

    private sealed record Invocation(CsrForm Form, string? DataDirectory, string? KeyFile, string? CsrFile, bool Json);

    public static Command Create()
    {
        var commonName = new Option<string>("--cn") { Description = "Common name: the server's fully qualified name, e.g. server.example.com, or a wildcard such as *.example.com. Always the first alternate name.", Required = true };
        var alternateNames = new Option<string[]>("--san") { Description = "A further DNS name or IP address the certificate should cover; repeat the option for each." };
        var country = new Option<string>("--country") { Description = "Country (C): ISO 3166-1 two-letter code, e.g. CA." };
        var state = new Option<string>("--state") { Description = "State or province (ST), spelled out, e.g. Ontario." };
        var locality = new Option<string>("--locality") { Description = "City or locality (L), spelled out, e.g. Toronto." };
        var organization = new Option<string>("--org") { Description = "Organization (O), e.g. Example Inc." };
        var unit = new Option<string>("--ou") { Description = "Organizational unit (OU), e.g. IT." };
        var keySize = new Option<int>("--key-size") { Description = "RSA key size in bits: 2048, 3072 or 4096; or 256 or 384 for an ECDSA P-256 or P-384 key (with --data-dir only when the console allows ECDSA).", DefaultValueFactory = _ => CsrForm.DefaultKeySize };
        var hash = new Option<string>("--hash") { Description = "Hash the request is signed with.", DefaultValueFactory = _ => "sha256" };
        hash.AcceptOnlyFromAmong([.. Hashes.Keys]);
        var csrFile = new Option<string>("--out") { Description = "Write the CSR to this file instead of stdout (replaced if it exists)." };
        var keyFile = new Option<string>("--key-out") { Description = "Without --data-dir: write the private key here (PKCS#8 PEM, mode 0600; never replaces a file). Default: <cn>.key in the current directory." };
        var dataDirectory = new Option<string>("--data-dir") { Description = "A console's data directory: store the key there, encrypted, as a pending request, exactly as the console's form does." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON on stdout (the CSR is in csrPem)." };

        var command = new Command("csr", "Generate a new RSA key and a certificate signing request (PKCS#10) for a CA to sign.");
        foreach (var option in new Option[] { commonName, alternateNames, country, state, locality, organization, unit, keySize, hash, csrFile, keyFile, dataDirectory, json })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            if (result.GetResult(dataDirectory) is not null && result.GetResult(keyFile) is not null)
            {
                result.AddError("--key-out and --data-dir cannot be combined: with --data-dir the key is stored, encrypted, in the console.");
            }
        });

        command.SetAction((parse, cancellationToken) => RunAsync(
            new Invocation(
                new CsrForm
                {
                    CommonName = parse.GetValue(commonName),
                    AlternateNames = parse.GetValue(alternateNames) ?? [],
                    Country = parse.GetValue(country),
                    State = parse.GetValue(state),
                    Locality = parse.GetValue(locality),
                    Organization = parse.GetValue(organization),
                    OrganizationalUnit = parse.GetValue(unit),
                    KeySize = parse.GetValue(keySize),
                    Hash = Hashes[parse.GetValue(hash)!],
                },
                parse.GetValue(dataDirectory),
                parse.GetValue(keyFile),
                parse.GetValue(csrFile),
                parse.GetValue(json)),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        // Validated here first only to tell "refused" (exit 2) from "failed" (exit 1); the generators validate
        // again with the same rules, so the two cannot disagree. Whether ECDSA is allowed is the console's setting,
        // checked by the console's generator; a standalone key is for another server and may be either.
        var validation = CsrRequestValidator.Validate(invocation.Form, allowEcdsa: true);
        if (!validation.Succeeded)
        {
            return Fail(validation.Problems, ExitCodes.InvalidInput, invocation.Json);
        }

        if (invocation.CsrFile is { } csrFile && !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(csrFile))))
        {
            return Fail([CliErrors.OutputDirectoryMissing(csrFile)], ExitCodes.Failure, invocation.Json);
        }

        var made = invocation.DataDirectory is { } dataDirectory
            ? await StoreInConsoleAsync(invocation.Form, dataDirectory, cancellationToken)
            : CsrOutcome.From(await StandaloneCsrGenerator.GenerateAsync(
                invocation.Form,
                invocation.KeyFile ?? DefaultKeyFile(validation.Value.CommonName),
                cancellationToken));
        return made.Succeeded
            ? Report(made.Value, invocation)
            : Fail(made.Problems, made.Problems.Any(p => p.Code == "csr.key-size-ecdsa-not-allowed") ? ExitCodes.InvalidInput : ExitCodes.Failure, invocation.Json);
    }

    private static async Task<Result<CsrOutcome>> StoreInConsoleAsync(CsrForm form, string dataDirectory, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(dataDirectory))
        {
            return CliErrors.DataDirectoryMissing(dataDirectory);
        }

        try
        {
            await using var services = await ConsoleServices.OpenAsync(dataDirectory, cancellationToken);
            var actor = $"cli:{Environment.UserName}";
            return CsrOutcome.From(await services.GetRequiredService<CsrGenerator>().GenerateAsync(form, actor, cancellationToken));
        }
        catch (Exception exception) when (exception is SqliteException or IOException or UnauthorizedAccessException)
        {
            return CliErrors.DataDirectoryUnusable(dataDirectory, exception.Message);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary><c>&lt;cn&gt;.key</c> in the current directory; a wildcard's <c>*</c> becomes <c>_</c> to keep the name shell-safe.</summary>
    private static string DefaultKeyFile(string commonName) =>
        Path.Combine(Environment.CurrentDirectory, commonName.Replace('*', '_') + ".key");

    private static int Report(CsrOutcome outcome, Invocation invocation)
    {
        var pem = outcome.Pem.EndsWith('\n') ? outcome.Pem : outcome.Pem + "\n";
        string? csrFile = null;
        if (invocation.CsrFile is { } path)
        {
            csrFile = Path.GetFullPath(path);
            try
            {
                File.WriteAllText(csrFile, pem);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return Fail([CliErrors.OutputNotWritten(csrFile, exception.Message, outcome.KeyFile)], ExitCodes.Failure, invocation.Json);
            }
        }

        ProblemWriter.Write(outcome.Warnings);
        Console.Error.WriteLine(outcome.PendingRequestId is { } id
            ? $"Pending request #{id} stored in {Path.GetFullPath(invocation.DataDirectory!)}: its key stays there, encrypted, until the signed certificate is installed."
            : $"Private key written to {outcome.KeyFile} (mode 0600). It is stored nowhere else: keep it, and keep it secret.");

        if (invocation.Json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(
                new CsrJson(
                    outcome.PendingRequestId,
                    outcome.KeyFile,
                    csrFile,
                    outcome.Subject,
                    outcome.AlternateNames.Select(name => name.ToString()).ToList(),
                    outcome.KeyAlgorithm,
                    outcome.KeySizeBits,
                    outcome.SignatureAlgorithm,
                    outcome.PublicKeySha256,
                    pem,
                    ProblemJson.From(outcome.Warnings)),
                CliJsonContext.Output.CsrJson));
        }
        else if (csrFile is null)
        {
            Console.Out.Write(pem);
        }

        return ExitCodes.Success;
    }

    private static int Fail(IReadOnlyList<Problem> problems, int exitCode, bool json)
    {
        ProblemWriter.Write(problems);
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(new FailureJson(ProblemJson.From(problems)), CliJsonContext.Output.FailureJson));
        }

        return exitCode;
    }
}
