using System.CommandLine;
using System.CommandLine.Invocation;
using CertManager.Cli.Commands;

namespace CertManager.Cli;

/// <summary>The root command; each feature adds its subcommand here.</summary>
internal static class CertmanCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("certman - manage the TLS certificate a CertManager console presents, from scripts and the shell.");
        root.Subcommands.Add(CsrCommand.Create());
        root.Subcommands.Add(ScepCommand.Create());
        root.Subcommands.Add(AcmeCommand.Create());
        root.Subcommands.Add(InspectCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(InstallCommand.Create());
        root.Subcommands.Add(UninstallCommand.Create());
        root.Subcommands.Add(VersionsCommand.Create());
        root.Subcommands.Add(ActivateCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(EventsCommand.Create());
        root.Subcommands.Add(CheckExpiryCommand.Create());
        root.Subcommands.Add(BackupCommand.Create());
        root.Subcommands.Add(RestoreCommand.Create());
        root.Subcommands.Add(FleetCommand.Create());
        root.Subcommands.Add(FollowCommand.Create());
        root.Subcommands.Add(MigrateStoreCommand.Create());
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; the exit code is the contract in docs/cli.md.</summary>
    public static async Task<int> InvokeAsync(string[] args)
    {
        var parse = Create().Parse(args);
        if (parse.Action is ParseErrorAction parseError)
        {
            // The errors go to stderr; help on stdout would land in whatever a script redirected it to.
            parseError.ShowHelp = false;
        }

        int exitCode;
        try
        {
            exitCode = await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
#pragma warning disable CA1031 // The last resort of the process: a bug is exit 1 with its stack trace, as System.CommandLine's own handler does.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            if (StoreFailures.TryReport(exception, args.Contains("--json", StringComparer.Ordinal), out var storeExit))
            {
                return storeExit;
            }

            if (exception is OperationCanceledException)
            {
                // Stopped (Ctrl+C): nothing to report beyond the exit code.
                return ExitCodes.Failure;
            }

            await Console.Error.WriteLineAsync($"Unhandled exception: {exception}");
            return ExitCodes.Failure;
        }

        // System.CommandLine ends an unparseable command line with 1; for scripts that is invalid input, like a
        // request the validator refuses.
        return parse.Errors.Count > 0 ? ExitCodes.InvalidInput : exitCode;
    }
}
