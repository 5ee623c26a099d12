using CertManager.Core.Results;

namespace CertManager.Cli.Commands;

/// <summary>The password as given on the command line: a file that holds it, or a variable that holds it.</summary>
internal sealed record PasswordSource(string? File, string? Variable)
{
    /// <summary>The password, or none when no source was given; a missing file or variable is a problem (exit 2).</summary>
    public Result<string?> Resolve()
    {
        if (File is { } path)
        {
            try
            {
                using var reader = new StreamReader(path);
                // The first line only, without its line break, as `openssl -passin file:` reads it.
                return Result<string?>.Success(reader.ReadLine() ?? string.Empty);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return CliErrors.PasswordFileUnreadable(path, exception.Message);
            }
        }

        if (Variable is { } name)
        {
            return Environment.GetEnvironmentVariable(name) is { } value
                ? Result<string?>.Success(value)
                : CliErrors.PasswordVariableMissing(name);
        }

        return Result<string?>.Success(null);
    }
}
