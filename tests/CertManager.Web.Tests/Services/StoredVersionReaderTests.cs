using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Certificates;
using CertManager.Core.Details;
using CertManager.Core.Storage;
using CertManager.Testing;
using CertManager.Web.Services;

namespace CertManager.Web.Tests.Services;

/// <summary>The tab's description of the presented certificate is read once per certificate, and never shows an old one.</summary>
public sealed class StoredVersionReaderTests : IDisposable
{
    private readonly CoreTestHost _host = CoreTestHost.Create();
    private readonly TestPki _pki = new("Reader");

    public void Dispose()
    {
        _pki.Dispose();
        _host.Dispose();
    }

    [Fact]
    public void Describe_AnotherCertificatePresented_DescribesTheNewOne()
    {
        var reader = new StoredVersionReader(_host.Get<CertificateStore>(), _host.Get<CertificateDetailsReader>());
        using var first = Issue("first.example.test");
        using var second = Issue("second.example.test");

        Assert.Equal("first.example.test", reader.Describe(first).Details.CertificateName);
        Assert.Equal("second.example.test", reader.Describe(second).Details.CertificateName);
        Assert.Equal("first.example.test", reader.Describe(first).Details.CertificateName);
        Assert.Contains("Reader Issuing CA", Assert.Single(reader.Describe(first).Intermediates).Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_SameCertificateADayLater_DaysRemainingFollowTheClock()
    {
        var reader = new StoredVersionReader(_host.Get<CertificateStore>(), _host.Get<CertificateDetailsReader>());
        using var presented = Issue("clock.example.test");
        var today = reader.Describe(presented).Details.DaysRemaining;

        _host.Time.Advance(TimeSpan.FromDays(1));

        Assert.Equal(today - 1, reader.Describe(presented).Details.DaysRemaining);
    }

    private ServerCertificate Issue(string name)
    {
        var (certificatePath, keyPath) = _pki.IssueServer(name);
        var certificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        return new ServerCertificate(certificate, [X509CertificateLoader.LoadCertificate(File.ReadAllBytes(_pki.IntermediatePath))], CertificateOrigin.ThirdParty, name);
    }
}
