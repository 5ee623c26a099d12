using CertManager.Core.Events;
using Microsoft.Extensions.Options;

namespace CertManager.Core.Install;

/// <summary>Runs the configured reload commands and records each one's exit status and output as an event.</summary>
public sealed class ReloadCommandRunner(IOptions<InstallOptions> options, EventRecorder events)
{
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
        var outcome = await CommandRunner.RunAsync(command, [], options.Value.ReloadTimeout, cancellationToken);
        var output = outcome.Output.Length > 0 ? " Output: " + outcome.Output : string.Empty;
        return outcome switch
        {
            { StartError: { } error } => (EventSeverity.Minor, $"Reload command '{command}' could not start: {error}. Check the path in CertManager:Install:ReloadCommands."),
            { TimedOut: true } => (EventSeverity.Minor, $"Reload command '{command}' did not finish within {options.Value.ReloadTimeout.TotalSeconds:0} s and was stopped."),
            { ExitCode: 0 } => (EventSeverity.Info, $"Reload command '{command}' succeeded.{output}"),
            _ => (EventSeverity.Minor, $"Reload command '{command}' failed with exit status {outcome.ExitCode}.{output} The other service may still use the previous certificate."),
        };
    }
}
