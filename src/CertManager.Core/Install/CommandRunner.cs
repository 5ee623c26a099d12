using System.Diagnostics;
using System.Text;

namespace CertManager.Core.Install;

/// <summary>
/// Runs a configured program without a shell (nothing in its arguments is interpreted), with a time limit, and
/// returns its exit status and a bounded copy of its output. Reload commands and ACME DNS hooks both run this way.
/// </summary>
public static class CommandRunner
{
    private const int MaxRecordedOutput = 4096;

    /// <summary>What happened: <see cref="StartError"/> when it could not start, <see cref="TimedOut"/> when it was stopped.</summary>
    public sealed record Outcome(int ExitCode, string Output, bool TimedOut, string? StartError)
    {
        public bool Succeeded => StartError is null && !TimedOut && ExitCode == 0;
    }

    public static async Task<Outcome> RunAsync(ReloadCommand command, IEnumerable<string> extraArguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var start = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Arguments.Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return new Outcome(-1, string.Empty, false, exception.Message);
        }

        using (process)
        {
            if (process is null)
            {
                return new Outcome(-1, string.Empty, false, "the process did not start");
            }

            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return new Outcome(-1, string.Empty, true, null);
            }

            var text = new StringBuilder().Append((await stdout).Trim()).Append(' ').Append((await stderr).Trim()).ToString().Trim();
            return new Outcome(process.ExitCode, text.Length > MaxRecordedOutput ? text[..MaxRecordedOutput] + "…" : text, false, null);
        }
    }
}
