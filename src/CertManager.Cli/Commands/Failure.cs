using System.Text.Json;
using CertManager.Cli.Json;
using CertManager.Core.Results;

namespace CertManager.Cli.Commands;

/// <summary>How a command ends when it stops with problems: each on stderr, and with <c>--json</c> <c>{ "problems": [...] }</c> on stdout.</summary>
internal static class Failure
{
    public static int Report(IReadOnlyList<Problem> problems, int exitCode, bool json)
    {
        ProblemWriter.Write(problems);
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(new FailureJson(ProblemJson.From(problems)), CliJsonContext.Output.FailureJson));
        }

        return exitCode;
    }
}
