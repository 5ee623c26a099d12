using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CertManager.Core.Metrics;

namespace CertManager.Testing;

/// <summary>
/// The <c>certmanager.enrollments</c> measurements made by the creating test's own work. The console's meter is static
/// and other test classes enroll in parallel in the same process, so only measurements made in this test's async flow
/// (an <see cref="AsyncLocal{T}"/> it carries into every await) are counted.
/// </summary>
public sealed class EnrollmentCounts : IDisposable
{
    private const string InstrumentName = "certmanager.enrollments";
    private static readonly AsyncLocal<EnrollmentCounts?> Owner = new();

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Protocol, string Outcome), int> _counts = new();

    public EnrollmentCounts()
    {
        Owner.Value = this;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ConsoleMetrics.MeterName && instrument.Name == InstrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (!ReferenceEquals(Owner.Value, this))
            {
                return;
            }

            string? protocol = null, outcome = null;
            foreach (var tag in tags)
            {
                protocol = tag.Key == "protocol" ? tag.Value as string : protocol;
                outcome = tag.Key == "outcome" ? tag.Value as string : outcome;
            }

            _counts.AddOrUpdate((protocol ?? "?", outcome ?? "?"), (int)value, (_, sum) => sum + (int)value);
        });
        _listener.Start();
    }

    /// <summary>How many enrollments of <paramref name="protocol"/> ended with <paramref name="outcome"/> so far.</summary>
    public int Of(string protocol, string outcome) => _counts.GetValueOrDefault((protocol, outcome));

    public void Dispose()
    {
        Owner.Value = null;
        _listener.Dispose();
    }
}
