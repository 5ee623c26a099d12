using System.CommandLine;

namespace CertManager.Cli.Commands;

/// <summary>
/// The backup passphrase: <c>--passphrase-file</c> or <c>--passphrase-env</c>, exactly one. Never a value on the command
/// line, where other local users read it in the process list.
/// </summary>
internal sealed class PassphraseOptions
{
    private readonly Option<string> _file = new("--passphrase-file") { Description = "Read the passphrase from the first line of this file (keep it mode 0600, apart from the backups)." };
    private readonly Option<string> _variable = new("--passphrase-env") { Description = "Read the passphrase from the environment variable with this name (the name, not the passphrase)." };

    public static PassphraseOptions AddTo(Command command)
    {
        var options = new PassphraseOptions();
        command.Options.Add(options._file);
        command.Options.Add(options._variable);
        command.Validators.Add(result =>
        {
            if ((result.GetResult(options._file) is null) == (result.GetResult(options._variable) is null))
            {
                result.AddError("Give the passphrase exactly one way: --passphrase-file FILE or --passphrase-env NAME.");
            }
        });
        return options;
    }

    /// <summary>Runs <paramref name="action"/> with the passphrase, or reports why there is none (exit 2).</summary>
    public int Run(ParseResult parse, bool json, Func<string, int> action)
    {
        var secret = new PasswordSource(null, parse.GetValue(_file), parse.GetValue(_variable)).Resolve();
        return secret.Succeeded ? action(secret.Value!) : Failure.Report(secret.Problems, ExitCodes.InvalidInput, json);
    }
}
