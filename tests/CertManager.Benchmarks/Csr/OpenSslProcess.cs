using System.Diagnostics;

namespace CertManager.Benchmarks.Csr;

/// <summary>Runs the openssl CLI to completion, output drained and discarded, the same way for every reference.</summary>
internal static class OpenSslProcess
{
    public static void Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("openssl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start openssl; is it installed?");
        // Drain both pipes so a chatty run (openssl req prints key-generation progress) can never block on a full pipe.
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Task.WaitAll(output, error);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: {error.Result}");
        }
    }
}
