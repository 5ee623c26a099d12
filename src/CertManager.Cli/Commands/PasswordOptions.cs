using System.CommandLine;

namespace CertManager.Cli.Commands;

/// <summary>
/// Where the password of a PKCS#12 file or an encrypted key comes from: <c>--password-file</c> or <c>--password-env</c>,
/// at most one. Never the password itself on the command line: other local users would read it in the process list,
/// and it would stay in shell history.
/// </summary>
internal sealed class PasswordOptions
{
    private readonly Option<string> _file = new("--password-file") { Description = "Read the password from the first line of this file (keep it mode 0600)." };
    private readonly Option<string> _variable = new("--password-env") { Description = "Read the password from this environment variable." };

    private PasswordOptions()
    {
    }

    /// <summary>The options for <paramref name="command"/>, added to it with a check that at most one is given.</summary>
    public static PasswordOptions AddTo(Command command)
    {
        var options = new PasswordOptions();
        Option[] all = [options._file, options._variable];
        foreach (var option in all)
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            if (all.Count(option => result.GetResult(option) is not null) > 1)
            {
                result.AddError($"Give the password only one way: {string.Join(", ", all.Select(o => o.Name))}.");
            }
        });
        return options;
    }

    public PasswordSource Read(ParseResult parse) => new(parse.GetValue(_file), parse.GetValue(_variable));
}
