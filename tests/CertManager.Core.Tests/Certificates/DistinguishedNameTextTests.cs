using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Certificates;
using CertManager.Core.Chain;
using CertManager.Core.Events;
using CertManager.Testing;

namespace CertManager.Core.Tests.Certificates;

public sealed class DistinguishedNameTextTests : IDisposable
{
    // openssl's one-line form with RFC 4514 escaping and short names: the referee for the console's spelling.
    private const string OpenSslNameOptions = "esc_2253,esc_ctrl,utf8,dump_nostr,dump_der,sep_comma_plus_space,sname";

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("/C=CA/ST=Ontario/L=Toronto/O=Example, Inc./OU=Web/CN=server.example.com", false)]
    [InlineData("/CN=only.example.com", false)]
    [InlineData("/C=DE/ST=Baden-W\u00fcrttemberg/O=M\u00fcller \"Test\" GmbH/CN=#hash.example", false)]
    [InlineData("/C=CA/O=Example/CN=a.example+OU=b", true)]
    public void Format_AnySubject_MatchesOpenSslOneLine(string subject, bool multiValued)
    {
        var path = _directory.File("dn.pem");
        var arguments = new List<string> { "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", _directory.File("dn.key"), "-out", path, "-subj", subject, "-days", "2", "-utf8" };
        if (multiValued)
        {
            arguments.Add("-multivalue-rdn");
        }

        OpenSsl.Run(_directory.Path, [.. arguments]);
        var expected = OpenSsl.Run(_directory.Path, "x509", "-in", path, "-noout", "-subject", "-nameopt", OpenSslNameOptions).Trim();
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(path));

        Assert.Equal(expected, "subject=" + certificate.SubjectText());
    }

    [Fact]
    public void SubjectText_StateOrProvince_IsSpelledStNotS()
    {
        var path = _directory.File("state.pem");
        OpenSsl.Run(_directory.Path, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", _directory.File("state.key"), "-out", path, "-subj", "/C=US/ST=Texas/CN=state.example.com", "-days", "2");
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(path));

        // Every surface that names a certificate goes through the same text: chain cards, events and alerts.
        var summary = CertificateSummary.Of(certificate, "your upload");
        var facts = CertificateFacts.From(certificate);

        Assert.Equal("C=US, ST=Texas, CN=state.example.com", summary.Subject);
        Assert.Equal("C=US, ST=Texas, CN=state.example.com", summary.Issuer);
        Assert.Equal("C=US, ST=Texas, CN=state.example.com", facts.Subject);
        Assert.Equal("C=US, ST=Texas, CN=state.example.com", facts.Issuer);
        Assert.Equal("CN=state.example.com", summary.DisplayName);
        Assert.Contains("S=Texas", certificate.Subject, StringComparison.Ordinal); // the platform's spelling, never shown
    }
}
