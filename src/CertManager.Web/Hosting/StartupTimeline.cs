using System.Diagnostics;

namespace CertManager.Web.Hosting;

/// <summary>
/// Times the steps of the start path (building the host, the database check, the first administrator, the
/// certificate, the pipeline, the listening server) and logs them at Debug once the console serves, so that a slow
/// start can be read from the log: set <c>Serilog:MinimumLevel:Override:CertManager.Web.Hosting.StartupTimeline</c> to
/// <c>Debug</c>. The time before <c>Main</c> (the runtime loading the console) is not seen from here.
/// </summary>
internal sealed partial class StartupTimeline
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly List<(string Step, TimeSpan Took, TimeSpan Cpu)> _steps = [];
    private long _last;
    private TimeSpan _lastCpu = Environment.CpuUsage.TotalTime;

    public StartupTimeline() => _last = _started;

    /// <summary>Records the time since the previous mark as the duration of <paramref name="step"/>.</summary>
    public void Mark(string step)
    {
        var now = Stopwatch.GetTimestamp();
        var cpu = Environment.CpuUsage.TotalTime;
        lock (_steps)
        {
            _steps.Add((step, Stopwatch.GetElapsedTime(_last, now), cpu - _lastCpu));
            _last = now;
            _lastCpu = cpu;
        }
    }

    /// <summary>Marks "server listening" when the host has started and logs every step then.</summary>
    public void LogWhenStarted(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.Services.GetRequiredService<ILogger<StartupTimeline>>();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            Mark("hosted services and server started");
            if (!logger.IsEnabled(LogLevel.Debug))
            {
                return;
            }

            lock (_steps)
            {
                foreach (var (step, took, cpu) in _steps)
                {
                    LogStep(logger, step, took.TotalMilliseconds, cpu.TotalMilliseconds);
                }
            }

            LogServing(logger, Stopwatch.GetElapsedTime(_started).TotalMilliseconds, Environment.CpuUsage.TotalTime.TotalMilliseconds);
        });
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Debug, Message = "Start-up step '{Step}' took {Milliseconds:0} ms ({CpuMilliseconds:0} ms of CPU time)")]
    private static partial void LogStep(ILogger logger, string step, double milliseconds, double cpuMilliseconds);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Debug, Message = "Listening {Milliseconds:0} ms after Main began, {CpuMilliseconds:0} ms of CPU time since the process started")]
    private static partial void LogServing(ILogger logger, double milliseconds, double cpuMilliseconds);
}
