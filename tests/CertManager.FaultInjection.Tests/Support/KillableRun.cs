using System.Diagnostics;
using CertManager.Testing;

namespace CertManager.FaultInjection.Tests.Support;

/// <summary>One <c>certman</c> process, SIGKILLed after a chosen delay unless it finished first.</summary>
internal sealed class KillableRun
{
    private readonly Process _process;
    private readonly Task<string> _output;
    private readonly Task<string> _error;
    private readonly TimeSpan _killAfter;

    private KillableRun(Process process, TimeSpan killAfter, string description)
    {
        _process = process;
        _killAfter = killAfter;
        Description = description;
        Pid = process.Id;
        _output = process.StandardOutput.ReadToEndAsync();
        _error = process.StandardError.ReadToEndAsync();
    }

    public string Description { get; }

    public int Pid { get; }

    public sealed record Outcome(string Description, int Pid, bool Killed, int ExitCode, string StandardOutput, string StandardError)
    {
        public override string ToString() => $"certman {Description} (pid {Pid}): {(Killed ? "killed" : $"exit {ExitCode}")}\nstdout: {StandardOutput}\nstderr: {StandardError}";
    }

    public static KillableRun Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> arguments, TimeSpan killAfter)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(RepositoryPaths.CliAssemblyPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start certman.");
        process.StandardInput.Close();
        return new KillableRun(process, killAfter, string.Join(' ', arguments.Take(2)));
    }

    /// <summary>Waits for the kill moment; kills (Process.Kill is SIGKILL on Unix) or collects the exit.</summary>
    public async Task<Outcome> FinishAsync()
    {
        using (_process)
        {
            var exited = _process.WaitForExitAsync();
            var sentKill = false;
            if (await Task.WhenAny(exited, Task.Delay(_killAfter)) != exited)
            {
                try
                {
                    _process.Kill();
                    sentKill = true;
                }
                catch (InvalidOperationException)
                {
                    // It exited in the same instant.
                }
            }

            using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await _process.WaitForExitAsync(bound.Token);
            // 137 = 128 + SIGKILL: the kill landed, rather than arriving just after a normal exit.
            return new Outcome(Description, Pid, sentKill && _process.ExitCode == 137, _process.ExitCode, await _output, await _error);
        }
    }
}
