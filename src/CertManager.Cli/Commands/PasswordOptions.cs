using System.CommandLine;

namespace CertManager.Cli.Commands;

/// <summary>
/// Where the password of a PKCS#12 file or an encrypted key comes from: <c>--password-file</c>, <c>--password-env</c>
/// and, where the command allows it, <c>--password</c> (visible to other local users in the process list).
/// At most one may be given.
/// </summary>
internal sealed class PasswordOptions
{
    private readonly Option<string>? _literal;
    private readonly Option<string> _file = new("--password-file") { Description = "Read the password from the first line of this file (keep it mode 0600)." };
    private readonly Option<string> _variable = new("--password-env") { Description = "Read the password from this environment variable." };

    private PasswordOptions(bool allowLiteral)
    {
        if (allowLiteral)
        {
            _literal = new Option<string>("--password") { Description = "The password itself. Other local users can read it in the process list: prefer --password-file or --password-env." };
        }
    }

    /// <summary>The options for <paramref name="command"/>, added to it with a check that at most one is given.</summary>
    public static PasswordOptions AddTo(Command command, bool allowLiteral)
    {
        var options = new PasswordOptions(allowLiteral);
        Option[] all = options._literal is null ? [options._file, options._variable] : [options._literal, options._file, options._variable];
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

    public PasswordSource Read(ParseResult parse) => new(
        _literal is null ? null : parse.GetValue(_literal),
        parse.GetValue(_file),
        parse.GetValue(_variable));
}
