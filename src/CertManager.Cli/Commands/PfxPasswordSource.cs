using System.Text;
using CertManager.Core.Results;

namespace CertManager.Cli.Commands;

/// <summary>
/// Where <c>certman export --format pfx</c> gets its password: a file (first line), an environment variable named on
/// the command line, or a prompt. Never the command line itself: it would be visible to every user in <c>ps</c> and
/// kept in shell history. When stdin is not a terminal, its first line is read instead of prompting.
/// </summary>
internal static class PfxPasswordSource
{
    public static Result<string> Read(string? passwordFile, string? passwordEnvironmentVariable)
    {
        if (passwordFile is not null)
        {
            try
            {
                return Result<string>.Success(FirstLine(File.ReadAllText(passwordFile)));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return CliErrors.PfxPasswordFileUnreadable(passwordFile, exception.Message);
            }
        }

        if (passwordEnvironmentVariable is not null)
        {
            return Environment.GetEnvironmentVariable(passwordEnvironmentVariable) is { Length: > 0 } fromEnvironment
                ? Result<string>.Success(fromEnvironment)
                : CliErrors.PasswordVariableEmpty(passwordEnvironmentVariable);
        }

        if (Console.IsInputRedirected)
        {
            return Console.In.ReadLine() is { Length: > 0 } piped
                ? Result<string>.Success(piped.TrimEnd('\r'))
                : CliErrors.PasswordMissing;
        }

        var first = Prompt("PFX password: ");
        var second = Prompt("Repeat the PFX password: ");
        return first == second ? Result<string>.Success(first) : CliErrors.PasswordsDiffer;
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }

    /// <summary>Reads a line from the terminal without echoing it; the prompt goes to stderr so stdout stays clean.</summary>
    private static string Prompt(string prompt)
    {
        Console.Error.Write(prompt);
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return password.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (password.Length > 0)
                {
                    password.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }
    }
}
