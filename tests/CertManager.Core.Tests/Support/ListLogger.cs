using Microsoft.Extensions.Logging;

namespace CertManager.Core.Tests.Support;

/// <summary>One log call as the product made it: level, event id, rendered message, exception and structured values.</summary>
public sealed record LogEntry(LogLevel Level, EventId EventId, string Message, Exception? Exception, IReadOnlyDictionary<string, object?> Values);

/// <summary>Collects what a service logs so a test can assert that a failure was reported, not swallowed.</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    private readonly List<LogEntry> _entries = [];
    private readonly Lock _lock = new();

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? pairs.ToDictionary(pair => pair.Key, pair => pair.Value)
            : [];
        lock (_lock)
        {
            _entries.Add(new LogEntry(logLevel, eventId, formatter(state, exception), exception, values));
        }
    }
}
