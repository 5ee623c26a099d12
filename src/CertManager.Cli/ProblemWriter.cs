using CertManager.Core.Results;

namespace CertManager.Cli;

/// <summary>Prints problems to stderr, one per line: <c>error csr.common-name-required: message Fix: fix</c>.</summary>
internal static class ProblemWriter
{
    public static void Write(IEnumerable<Problem> problems)
    {
        foreach (var problem in problems)
        {
            Console.Error.WriteLine(Format(problem));
        }
    }

    public static string Format(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return $"{SeverityName(problem.Severity)} {problem.Code}: {problem.Message} Fix: {problem.Fix}";
    }

    /// <summary>The word a line starts with, also used in JSON output.</summary>
    public static string SeverityName(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "info",
    };
}
