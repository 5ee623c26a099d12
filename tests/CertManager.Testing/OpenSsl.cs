using System.Diagnostics;

namespace CertManager.Testing;

/// <summary>
/// The openssl CLI, our independent referee: what CertManager makes must pass it, and what it makes must import.
/// </summary>
public static class OpenSsl
{
    public sealed record Outcome(int ExitCode, string StandardOutput, string StandardError)
    {
        public Outcome EnsureSuccess() => ExitCode == 0
            ? this
            : throw new InvalidOperationException($"openssl failed with exit code {ExitCode}: {StandardError}{StandardOutput}");
    }

    /// <summary>Runs openssl with <paramref name="arguments"/> in <paramref name="workingDirectory"/>; throws when it fails.</summary>
    public static string Run(string workingDirectory, params string[] arguments) =>
        TryRun(workingDirectory, arguments).EnsureSuccess().StandardOutput;

    /// <summary>Runs openssl and returns its exit code and output, for tests that expect it to fail.</summary>
    public static Outcome TryRun(string workingDirectory, params string[] arguments) =>
        TryRunWithInput(workingDirectory, standardInput: null, arguments);

    public static Outcome TryRunWithInput(string workingDirectory, string? standardInput, params string[] arguments)
    {
        var start = new ProcessStartInfo("openssl")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start openssl; is it installed?");
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"openssl {string.Join(' ', arguments)} did not finish within 2 minutes.");
        }

        return new Outcome(process.ExitCode, output.Result, error.Result);
    }
}
