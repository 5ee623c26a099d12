using System.Globalization;
using CertManager.Cli.Json;
using CertManager.Core.Chain;

namespace CertManager.Cli.Commands;

/// <summary>The chain doctor's report for people: certificates, keys and the chain on stdout, problems on stderr.</summary>
internal static class ReportWriter
{
    public static void Write(ChainReport report, DateTimeOffset at, TextWriter output)
    {
        output.WriteLine($"Certificates ({report.Certificates.Count}):");
        for (var index = 0; index < report.Certificates.Count; index++)
        {
            var certificate = report.Certificates[index];
            output.WriteLine($"  {index + 1}. {certificate.Subject}");
            output.WriteLine($"     issuer:    {certificate.Issuer}");
            output.WriteLine($"     serial:    {certificate.SerialNumber}");
            output.WriteLine($"     valid:     {Day(certificate.NotBefore)} to {Day(certificate.NotAfter)}");
            output.WriteLine($"     SHA-256:   {certificate.Sha256Fingerprint}");
            output.WriteLine($"     key:       {certificate.KeyAlgorithm} {certificate.KeySizeBits.ToString(CultureInfo.InvariantCulture)}{(certificate.IsCertificateAuthority ? ", CA" : string.Empty)}");
            if (certificate.AlternateNames.Count > 0)
            {
                output.WriteLine($"     names:     {string.Join(", ", certificate.AlternateNames)}");
            }

            output.WriteLine($"     from:      {certificate.Source}");
        }

        output.WriteLine($"Keys ({report.Keys.Count}):");
        foreach (var key in report.Keys.Select(KeyJson.From))
        {
            var owner = key.MatchesCertificateSha256 is null ? "matches no certificate" : $"matches {report.ServerCertificate?.DisplayName} ({key.MatchesCertificateSha256})";
            output.WriteLine($"  {key.Algorithm} {key.KeySizeBits.ToString(CultureInfo.InvariantCulture)} from {key.Source}: {owner}");
        }

        output.WriteLine("Chain:");
        foreach (var link in report.Chain.Select(ChainLinkJson.From))
        {
            var sent = link.Sent ? "sent" : "not sent";
            output.WriteLine($"  {link.Role,-12} {link.Certificate.Subject} ({link.Certificate.Source}, {sent}): {link.Status}");
        }

        output.WriteLine($"Checked at {Day(at)}: {(ReportJson.IsValid(report) ? "valid" : report.PathValid ? "path valid, with errors" : "invalid")}");
    }

    private static string Day(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
