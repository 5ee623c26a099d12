using System.Diagnostics;

namespace CertManager.LoadTest.Fleet;

/// <summary>Another process's CPU time (user + system) and resident memory, read from the outside (<c>/proc</c> on Linux).</summary>
internal sealed class ProcessMeter(int processId) : IDisposable
{
    private readonly Process _process = Process.GetProcessById(processId);

    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Resident set size in MiB (VmRSS).</summary>
    public double RssMiB
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64 / (1024.0 * 1024.0);
        }
    }

    /// <summary>CPU milliseconds per wall-clock second over <paramref name="window"/>.</summary>
    public async Task<double> CpuMillisecondsPerSecondAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        var cpu = CpuTime;
        var clock = Stopwatch.StartNew();
        await Task.Delay(window, cancellationToken);
        return (CpuTime - cpu).TotalMilliseconds / clock.Elapsed.TotalSeconds;
    }

    public void Dispose() => _process.Dispose();
}
