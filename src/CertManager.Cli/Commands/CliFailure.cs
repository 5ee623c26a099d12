using System.Text.Json;
using CertManager.Cli.Json;
using CertManager.Core.Results;

namespace CertManager.Cli.Commands;

/// <summary>Reports problems on stderr (and as JSON on stdout with <c>--json</c>) and returns the exit code.</summary>
internal static class CliFailure
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
