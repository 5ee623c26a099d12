using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;
using CertManager.Cli.Json;
using CertManager.Core.Import;

namespace CertManager.Cli.Commands;

/// <summary>
/// <c>certman verify</c>: the chain doctor's verdict on a server certificate and its chain, for scripts. RFC 5280 path
/// validation by the platform (no revocation, no downloads), against the system's roots or only <c>--trust</c>,
/// at now or <c>--at</c>. Exit 0 when the path is valid and nothing is an error, 3 otherwise.
/// </summary>
internal static class VerifyCommand
{
    private sealed record Invocation(
        string Certificate,
        IReadOnlyList<string> Chain,
        PasswordSource Password,
        string? TrustFile,
        IReadOnlyList<string> HostNames,
        DateTimeOffset? At,
        string? DataDirectory,
        bool Json);

    public static Command Create()
    {
        var certificate = new Option<string>("--cert") { Description = "The server certificate (PEM, DER, PKCS#7 or PKCS#12; a bundle may hold the chain too).", Required = true };
        var chain = new Option<string[]>("--chain") { Description = "Intermediate certificates; several files may follow one --chain, or repeat it.", AllowMultipleArgumentsPerToken = true };
        var trust = new Option<string>("--trust") { Description = "Trust only the roots in this file (PEM, DER or PKCS#7) instead of the system's." };
        var hosts = new Option<string[]>("--host") { Description = "A name the server certificate must cover; repeat for each. Default: this machine's fully qualified name." };
        var at = new Option<DateTimeOffset?>("--at") { Description = "Validate at this time instead of now, ISO 8601, e.g. 2030-01-01T00:00:00Z.", CustomParser = ParseTime };
        var dataDirectory = new Option<string>("--data-dir") { Description = "Also trust the roots added to this console's trust store (ignored with --trust). Nothing in the directory is changed." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON on stdout." };

        var command = new Command("verify", "Check a server certificate and its chain; exit 0 if valid, 3 if not.");
        foreach (var option in new Option[] { certificate, chain, trust, hosts, at, dataDirectory, json })
        {
            command.Options.Add(option);
        }

        var password = PasswordOptions.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(
            new Invocation(
                parse.GetValue(certificate)!,
                parse.GetValue(chain) ?? [],
                password.Read(parse),
                parse.GetValue(trust),
                parse.GetValue(hosts) ?? [],
                parse.GetValue(at),
                parse.GetValue(dataDirectory),
                parse.GetValue(json)),
            cancellationToken));
        return command;
    }

    /// <summary>ISO 8601 with a date and, if given, a time; without an offset the time is UTC.</summary>
    private static DateTimeOffset? ParseTime(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value;
        }

        result.AddError($"--at '{text}' is not an ISO 8601 time such as 2030-01-01T00:00:00Z.");
        return null;
    }

    private static async Task<int> RunAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var password = invocation.Password.Resolve();
        if (!password.Succeeded)
        {
            return Failure.Report(password.Problems, ExitCodes.InvalidInput, invocation.Json);
        }

        var inputs = InputFiles.Read(
            invocation.Chain.Select(file => (file, ImportSlot.Intermediates)).Prepend((invocation.Certificate, ImportSlot.Certificate)));
        if (!inputs.Succeeded)
        {
            return Failure.Report(inputs.Problems, ExitCodes.InvalidInput, invocation.Json);
        }

        var (report, at, problems, exitCode) = await ChainCheck.ExamineAsync(
            new ChainCheck.Request(inputs.Value, password.Value, invocation.TrustFile, invocation.At, invocation.HostNames, invocation.DataDirectory),
            cancellationToken);
        if (report is null)
        {
            return Failure.Report(problems, exitCode, invocation.Json);
        }

        ProblemWriter.Write(report.Problems);
        if (invocation.Json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(ReportJson.From(report, at), CliJsonContext.Output.ReportJson));
        }
        else
        {
            ReportWriter.Write(report, at, Console.Out);
        }

        return ReportJson.IsValid(report) ? ExitCodes.Success : ExitCodes.ChecksFailed;
    }
}
