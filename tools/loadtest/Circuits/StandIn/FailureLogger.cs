// A hand-written browser stand-in (not Chromium), used only because 1,000 Chromium pages do not fit one machine: it
// holds idle circuits of the console as blazor.web.js does; time to interactive is still measured in Chromium.
using Microsoft.Extensions.Logging;

namespace CertManager.LoadTest.Circuits.StandIn;

/// <summary>
/// The SignalR client's log, kept only for what went wrong: a warning or error (a message for which the stand-in has no
/// handler, an argument that did not bind, a failed send) fails the circuit instead of being dropped unseen.
/// </summary>
internal sealed class FailureLogger(Action<string> fail) : ILoggerProvider, ILogger
{
    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            fail($"SignalR client {logLevel}: {formatter(state, exception)}{(exception is null ? "" : $" ({exception.Message})")}");
        }
    }

    public void Dispose()
    {
    }
}
