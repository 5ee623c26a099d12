using System.CommandLine;
using System.Text.Json;
using CertManager.Cli.Json;
using CertManager.Core.Import;

namespace CertManager.Cli.Commands;

/// <summary>
/// <c>certman inspect</c>: reads certificates, bundles and keys in any format and prints what the console's upload
/// page would show before an install: every certificate, every key and the certificate it matches, the chain
/// built against the system's roots, and the problems with their fixes. Nothing is stored; no console is needed.
/// </summary>
internal static class InspectCommand
{
    private sealed record Invocation(IReadOnlyList<string> Files, PasswordSource Password, string? DataDirectory, bool Json);

    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "Certificates, chains, PKCS#7 or PKCS#12 bundles and private keys, in PEM or DER, in any order.", Arity = ArgumentArity.OneOrMore };
        var dataDirectory = new Option<string>("--data-dir") { Description = "Also trust the roots added to this console's trust store. Nothing in the directory is changed." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON on stdout." };

        var command = new Command("inspect", "Show the certificates, keys, chain and problems in certificate files, as the console's upload page does.");
        command.Arguments.Add(files);
        var password = PasswordOptions.AddTo(command);
        command.Options.Add(dataDirectory);
        command.Options.Add(json);

        command.SetAction((parse, cancellationToken) => RunAsync(
            new Invocation(parse.GetValue(files) ?? [], password.Read(parse), parse.GetValue(dataDirectory), parse.GetValue(json)),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var password = invocation.Password.Resolve();
        if (!password.Succeeded)
        {
            return Failure.Report(password.Problems, ExitCodes.InvalidInput, invocation.Json);
        }

        var inputs = InputFiles.Read(invocation.Files.Select(file => (file, ImportSlot.Certificate)));
        if (!inputs.Succeeded)
        {
            return Failure.Report(inputs.Problems, ExitCodes.InvalidInput, invocation.Json);
        }

        var (report, at, problems, exitCode) = await ChainCheck.ExamineAsync(
            new ChainCheck.Request(inputs.Value, password.Value, TrustFile: null, At: null, HostNames: [], invocation.DataDirectory),
            cancellationToken);
        if (report is null)
        {
            return Failure.Report(problems, exitCode, invocation.Json);
        }

        // inspect describes; it does not judge: the report is the result whatever it says (verify gives the verdict).
        ProblemWriter.Write(report.Problems);
        if (invocation.Json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(ReportJson.From(report, at), CliJsonContext.Output.ReportJson));
        }
        else
        {
            ReportWriter.Write(report, at, Console.Out);
        }

        return ExitCodes.Success;
    }
}
