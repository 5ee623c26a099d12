using System.Diagnostics;
using CertManager.Testing;

namespace CertManager.Cli.Tests.Support;

/// <summary>Runs the built <c>certman</c> (the same certman.dll an operator runs) as its own process.</summary>
internal static class Certman
{
    public sealed record Outcome(int ExitCode, string StandardOutput, string StandardError)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
    }

    public static Task<Outcome> RunAsync(string workingDirectory, params string[] arguments) =>
        RunWithAsync(workingDirectory, environment: null, standardInput: null, arguments);

    /// <summary>Runs certman with extra environment variables, e.g. a password for <c>--password-env</c>.</summary>
    public static Task<Outcome> RunWithEnvironmentAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        RunWithAsync(workingDirectory, environment, standardInput: null, arguments);

    /// <summary>Runs certman with extra environment variables and, when given, <paramref name="standardInput"/> piped to it (otherwise an empty stdin).</summary>
    public static async Task<Outcome> RunWithAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, string? standardInput, params string[] arguments)
    {
        var assembly = RepositoryPaths.CliAssemblyPath;
        if (!File.Exists(assembly))
        {
            throw new InvalidOperationException($"certman is not built: {assembly} is missing. Build the solution first.");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = environment is not null || standardInput is not null,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start certman.");
        if (start.RedirectStandardInput)
        {
            await process.StandardInput.WriteAsync(standardInput ?? string.Empty);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"certman {string.Join(' ', arguments)} did not finish within 2 minutes.");
        }

        return new Outcome(process.ExitCode, await output, await error);
    }
}
