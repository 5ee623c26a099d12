using System.Diagnostics;
using System.Text;
using CertManager.Core.Events;
using Microsoft.Extensions.Options;

namespace CertManager.Core.Install;

/// <summary>Runs the configured reload commands and records each one's exit status and output as an event.</summary>
public sealed class ReloadCommandRunner(IOptions<InstallOptions> options, EventRecorder events)
{
    private const int MaxRecordedOutput = 4096;

    public async Task RunAllAsync(string actor, string? fingerprint, CancellationToken cancellationToken)
    {
        foreach (var command in options.Value.ReloadCommands)
        {
            var (severity, message) = await RunAsync(command, cancellationToken);
            await events.RecordAsync(severity, "install", message, actor, fingerprint, cancellationToken);
        }
    }

    private async Task<(EventSeverity Severity, string Message)> RunAsync(ReloadCommand command, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Arguments)
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
            return (EventSeverity.Minor, $"Reload command '{command}' could not start: {exception.Message}. Check the path in CertManager:Install:ReloadCommands.");
        }

        using (process)
        {
            if (process is null)
            {
                return (EventSeverity.Minor, $"Reload command '{command}' could not start.");
            }

            var output = new StringBuilder();
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.ReloadTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return (EventSeverity.Minor, $"Reload command '{command}' did not finish within {options.Value.ReloadTimeout.TotalSeconds:0} s and was stopped.");
            }

            output.Append((await stdout).Trim()).Append(' ').Append((await stderr).Trim());
            var text = output.ToString().Trim();
            if (text.Length > MaxRecordedOutput)
            {
                text = text[..MaxRecordedOutput] + "…";
            }

            return process.ExitCode == 0
                ? (EventSeverity.Info, $"Reload command '{command}' succeeded.{(text.Length > 0 ? " Output: " + text : string.Empty)}")
                : (EventSeverity.Minor, $"Reload command '{command}' failed with exit status {process.ExitCode}.{(text.Length > 0 ? " Output: " + text : string.Empty)} The other service may still use the previous certificate.");
        }
    }
}
