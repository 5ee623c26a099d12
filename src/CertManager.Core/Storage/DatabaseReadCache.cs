using System.Collections.Concurrent;

namespace CertManager.Core.Storage;

/// <summary>
/// Values read from the database that pages show on every view (the renewal state of the presented certificate, the
/// open SCEP enrollments), each kept under a key while the database is unchanged. Any commit, by this process or by
/// another such as <c>certman</c> or a second node (<see cref="DatabaseChangeCounter"/>), makes the next reader of
/// each key read it again, so a cached value is never older than the last commit the reader could have seen.
/// </summary>
/// <remarks>
/// Each key holds values of one type, and values must be immutable: one instance is handed to every reader until the next commit. The number of keys is
/// bounded (<see cref="MaxEntries"/>): past it the cache starts empty again, which costs one read per key.
/// </remarks>
public sealed class DatabaseReadCache(DatabaseChangeCounter changes)
{
    /// <summary>Keys kept at most; keys include a certificate's fingerprint, of which a console presents few.</summary>
    public const int MaxEntries = 256;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The value cached under <paramref name="key"/>, or one read by <paramref name="read"/> when the database changed since.</summary>
    public async Task<T> GetAsync<T>(string key, Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        // Read before the rows: a commit in between leaves an older version with them, so they are read again.
        var version = changes.Read();
        if (_entries.TryGetValue(key, out var entry) && entry.Version == version)
        {
            return (T)entry.Value!;
        }

        var value = await read(cancellationToken);
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        // A reader that started earlier must not replace a newer value with its older one.
        _entries.AddOrUpdate(key, new Entry(value, version), (_, current) => current.Version > version ? current : new Entry(value, version));
        return value;
    }

    private sealed record Entry(object? Value, long Version);
}
