using System.Diagnostics.Metrics;

namespace CertManager.Core.Metrics;

/// <summary>
/// The console's own counters (System.Diagnostics.Metrics; the web console exports them for Prometheus at /metrics).
/// Static, as .NET recommends for a library's meter: counting costs nothing while nobody listens (certman, tests).
/// </summary>
public static class ConsoleMetrics
{
    public const string MeterName = "CertManager";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Enrollments = Meter.CreateCounter<long>(
        "certmanager.enrollments", description: "Certificate enrollments with a CA, by protocol and outcome (issued, pending, failed).");

    private static readonly Counter<long> AlertDeliveries = Meter.CreateCounter<long>(
        "certmanager.alert.deliveries", description: "Alert delivery attempts, by channel and outcome (delivered, failed).");

    private static readonly Counter<long> SignInFailures = Meter.CreateCounter<long>(
        "certmanager.signin.failures", description: "Failed sign-ins, by reason.");

    public static void EnrollmentFinished(string protocol, string outcome) =>
        Enrollments.Add(1, new KeyValuePair<string, object?>("protocol", protocol), new KeyValuePair<string, object?>("outcome", outcome));

    public static void AlertDeliveryAttempted(string channel, bool delivered) =>
        AlertDeliveries.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("outcome", delivered ? "delivered" : "failed"));

    public static void SignInFailed(string reason) =>
        SignInFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>Registers a gauge on the console's meter, e.g. the outbox depth the web console reads from the database.</summary>
    public static ObservableGauge<long> CreateGauge(string name, Func<long> observe, string description) =>
        Meter.CreateObservableGauge(name, observe, description: description);
}
