using System.Diagnostics.Metrics;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Alerts;
using CertManager.Core.Certificates;
using CertManager.Core.Metrics;

namespace CertManager.Web.Metrics;

/// <summary>
/// The presented certificate and its intermediates as gauges named as x509-certificate-exporter names them
/// (<c>x509_cert_not_after</c>, <c>x509_cert_not_before</c>, <c>x509_cert_expired</c>,
/// <c>x509_cert_expires_in_seconds</c>, labels <c>subject_CN</c>, <c>issuer_CN</c>, <c>serial_number</c>), so its
/// dashboards and alert rules work unchanged, plus a <c>role</c> label (server, intermediate); and the alert outbox depth.
/// </summary>
internal sealed class CertificateMetrics(ServerCertificateProvider provider, AlertDispatcher dispatcher, TimeProvider timeProvider) : IDisposable
{
    public const string MeterName = "CertManager.Certificates";

    private readonly Meter _meter = new(MeterName);
    private readonly List<ObservableGauge<long>> _consoleGauges = [];

    public void Start()
    {
        _meter.CreateObservableGauge("x509_cert_not_after", () => Observe(c => c.NotAfter.ToUnixTimeSeconds()), description: "The certificate's notAfter as a Unix time.");
        _meter.CreateObservableGauge("x509_cert_not_before", () => Observe(c => c.NotBefore.ToUnixTimeSeconds()), description: "The certificate's notBefore as a Unix time.");
        _meter.CreateObservableGauge("x509_cert_expired", () => Observe(c => c.NotAfter <= timeProvider.GetUtcNow() ? 1 : 0), description: "1 when the certificate has expired, else 0.");
        _meter.CreateObservableGauge("x509_cert_expires_in_seconds", () => Observe(c => (long)(c.NotAfter - timeProvider.GetUtcNow()).TotalSeconds), description: "Seconds until the certificate expires (negative once expired).");
        _consoleGauges.Add(ConsoleMetrics.CreateGauge("certmanager.alert.outbox.depth", dispatcher.CountPending, "Alerts waiting in the outbox for delivery."));
    }

    private IEnumerable<Measurement<long>> Observe(Func<(DateTimeOffset NotBefore, DateTimeOffset NotAfter), long> value)
    {
        var presented = provider.Current;
        var certificates = new List<(X509Certificate2 Certificate, string Role)> { (presented.Certificate, "server") };
        certificates.AddRange(presented.Intermediates.Select(c => (c, "intermediate")));
        foreach (var (certificate, role) in certificates)
        {
            var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
            var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
            yield return new Measurement<long>(
                value((notBefore, notAfter)),
                new KeyValuePair<string, object?>("subject_CN", certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false)),
                new KeyValuePair<string, object?>("issuer_CN", certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: true)),
                new KeyValuePair<string, object?>("serial_number", SerialOf(certificate)),
                new KeyValuePair<string, object?>("role", role));
        }
    }

    /// <summary>The serial as a decimal integer, as x509-certificate-exporter writes it (Go's big.Int.String()).</summary>
    private static string SerialOf(X509Certificate2 certificate) =>
        new BigInteger(certificate.SerialNumberBytes.Span, isUnsigned: true, isBigEndian: true).ToString(CultureInfo.InvariantCulture);

    public void Dispose() => _meter.Dispose();
}
