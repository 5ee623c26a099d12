using System.CommandLine;
using CertManager.Core.Chain;
using CertManager.Core.Import;
using CertManager.Core.Install;
using CertManager.Core.Results;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Cli.Commands;

/// <summary>
/// <c>certman install</c>: the console's "Upload and install" for scripts. The same importer, chain doctor and
/// installer: the key comes from <c>--key</c> (or a bundle) or from a pending request made by Generate CSR or
/// <c>certman csr --data-dir</c>; errors refuse the install (exit 3), warnings need <c>--accept-warnings</c> (exit 4).
/// The new version is written completely, then the active pointer is renamed onto it; a running console polls the
/// pointer every second and presents the certificate from its next handshake.
/// </summary>
internal static class InstallCommand
{
    private sealed record Invocation(string DataDirectory, string Certificate, IReadOnlyList<string> Chain, string? Key, PasswordSource Password, bool AcceptWarnings, bool Json);

    public static Command Create()
    {
        var dataDirectory = new Option<string>("--data-dir") { Description = "The console's data directory (its CertManager:DataDirectory).", Required = true };
        var certificate = new Option<string>("--cert") { Description = "The server certificate the CA issued (PEM, DER, PKCS#7 or PKCS#12; a bundle may hold the chain and key too).", Required = true };
        var chain = new Option<string[]>("--chain") { Description = "Intermediate certificates; several files may follow one --chain, or repeat it.", AllowMultipleArgumentsPerToken = true };
        var key = new Option<string>("--key") { Description = "The private key, if the CSR was not made by this console (PEM or DER, PKCS#8 or PKCS#1, encrypted or not)." };
        var acceptWarnings = new Option<bool>("--accept-warnings") { Description = "Install even though the checks found warnings (they are printed and logged)." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON on stdout." };

        var command = new Command("install", "Check and install a certificate into a console; it presents it within two seconds.");
        foreach (var option in new Option[] { dataDirectory, certificate, chain, key })
        {
            command.Options.Add(option);
        }

        var password = PasswordOptions.AddTo(command, allowLiteral: false);
        command.Options.Add(acceptWarnings);
        command.Options.Add(json);
        command.SetAction((parse, cancellationToken) => RunAsync(
            new Invocation(
                parse.GetValue(dataDirectory)!,
                parse.GetValue(certificate)!,
                parse.GetValue(chain) ?? [],
                parse.GetValue(key),
                password.Read(parse),
                parse.GetValue(acceptWarnings),
                parse.GetValue(json)),
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

        var files = invocation.Chain.Select(file => (file, ImportSlot.Intermediates)).Prepend((invocation.Certificate, ImportSlot.Certificate));
        if (invocation.Key is { } keyFile)
        {
            files = files.Append((keyFile, ImportSlot.PrivateKey));
        }

        var inputs = InputFiles.Read(files);
        if (!inputs.Succeeded)
        {
            return Failure.Report(inputs.Problems, ExitCodes.InvalidInput, invocation.Json);
        }

        return await ConsoleSession.RunAsync(
            invocation.DataDirectory,
            invocation.Json,
            services => InstallAsync(services, inputs.Value, password.Value, invocation, cancellationToken),
            cancellationToken);
    }

    private static async Task<int> InstallAsync(IServiceProvider services, IReadOnlyList<ImportInput> inputs, string? password, Invocation invocation, CancellationToken cancellationToken)
    {
        using var material = services.GetRequiredService<CertificateImporter>().Import(inputs, password);
        using var examination = await services.GetRequiredService<ChainDoctor>().ExamineForInstallAsync(material, cancellationToken);
        var report = examination.Report;
        if (!examination.CanInstall)
        {
            return Failure.Report(report.HasErrors ? report.Problems : [.. report.Problems, InstallErrors.NotInstallable], ExitCodes.ChecksFailed, invocation.Json);
        }

        var installed = await services.GetRequiredService<CertificateInstaller>().InstallAsync(examination, invocation.AcceptWarnings, ConsoleSession.Actor, cancellationToken);
        if (!installed.Succeeded)
        {
            var refused = installed.Problems.Any(p => p.Code == InstallErrors.WarningsNotConfirmed.Code);
            if (refused)
            {
                Console.Error.WriteLine("Nothing was installed. Read the warnings; to install anyway, run the command again with --accept-warnings.");
            }

            return Failure.Report(
                [.. report.Problems, .. installed.Problems],
                refused ? ExitCodes.WarningsNotAccepted : InstallErrors.HasNotWritten(installed.Problems) ? ExitCodes.Failure : ExitCodes.ChecksFailed,
                invocation.Json);
        }

        return InstalledOutput.Write(installed.Value, [.. report.Problems.Where(p => p.Severity != Severity.Error)], "Installed", invocation.Json);
    }
}
