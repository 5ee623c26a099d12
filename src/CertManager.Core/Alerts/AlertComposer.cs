using System.Globalization;
using System.Text;
using CertManager.Core.Details;
using CertManager.Core.Events;

namespace CertManager.Core.Alerts;

/// <summary>
/// Writes an alert email: a subject naming the severity and the certificate, a plain-text body with what a person
/// needs to act without opening the console (CN, SANs, issuer, expiry, days left, SHA-256 fingerprint, what to do).
/// </summary>
internal static class AlertComposer
{
    public const string SubjectPrefix = "[CertManager]";

    public static (string Subject, string Body) Compose(EventDraft draft, DateTimeOffset now)
    {
        var severity = draft.Severity.ToString().ToUpperInvariant();
        var certificate = draft.Certificate;
        var subject = certificate is null
            ? $"{SubjectPrefix} {severity}: {FirstLine(draft.Message)}"
            : $"{SubjectPrefix} {severity}: certificate {Name(certificate)} {Remaining(certificate.NotAfter, now)}";

        var body = new StringBuilder()
            .AppendLine(draft.Message)
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Severity:  {severity}")
            .AppendLine(CultureInfo.InvariantCulture, $"Source:    {draft.Source}")
            .AppendLine(CultureInfo.InvariantCulture, $"Time:      {Utc(now)}");
        if (certificate is not null)
        {
            var days = CertificateDetailsReader.DaysRemaining(certificate.NotAfter, now);
            body.AppendLine()
                .AppendLine("Certificate")
                .AppendLine(CultureInfo.InvariantCulture, $"  Common name (CN):     {certificate.CommonName}")
                .AppendLine(CultureInfo.InvariantCulture, $"  Alternative names:    {(certificate.AlternateNames.Count == 0 ? "(none)" : string.Join(", ", certificate.AlternateNames))}")
                .AppendLine(CultureInfo.InvariantCulture, $"  Issuer:               {certificate.Issuer}")
                .AppendLine(CultureInfo.InvariantCulture, $"  Expires:              {Utc(certificate.NotAfter)}")
                .AppendLine(CultureInfo.InvariantCulture, $"  Days left:            {days}")
                .AppendLine(CultureInfo.InvariantCulture, $"  SHA-256 fingerprint:  {certificate.Sha256Fingerprint}");
        }
        else if (draft.CertificateFingerprint is { } fingerprint)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"Certificate SHA-256: {fingerprint}");
        }

        body.AppendLine()
            .AppendLine("What to do")
            .AppendLine(CultureInfo.InvariantCulture, $"  {draft.Advice ?? "Open the console's Event Viewer for the details, and acknowledge the event once it is handled."}");
        return (subject, body.ToString());
    }

    private static string Name(CertificateFacts certificate) =>
        string.IsNullOrEmpty(certificate.CommonName) ? certificate.Subject : certificate.CommonName;

    private static string Remaining(DateTimeOffset notAfter, DateTimeOffset now)
    {
        var days = CertificateDetailsReader.DaysRemaining(notAfter, now);
        return notAfter <= now
            ? $"expired on {notAfter.UtcDateTime:yyyy-MM-dd}"
            : days == 0 ? "expires today" : $"expires in {days} day(s)";
    }

    private static string Utc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string FirstLine(string message)
    {
        var line = message.Split('\n')[0].Trim();
        return line.Length <= 100 ? line : line[..97] + "...";
    }
}
