using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Import;
using CertManager.Core.Install;
using CertManager.Testing;

namespace CertManager.Core.Tests.Chain;

/// <summary>Each chain card says where its certificate came from: the CA a source enrolled with, an upload, the trust store.</summary>
public sealed class ChainLinksTests : IDisposable
{
    private readonly CoreTestHost _host = CoreTestHost.Create(now: DateTimeOffset.UtcNow.AddMinutes(5));
    private readonly TestPki _pki = new("Origin");

    public void Dispose()
    {
        _host.Dispose();
        _pki.Dispose();
    }

    [Theory]
    [InlineData(EnrollmentKind.Scep, "the SCEP CA (ca.example.test:8080)")]
    [InlineData(EnrollmentKind.Acme, "the ACME CA (ca.example.test:8080)")]
    [InlineData(EnrollmentKind.Fleet, "the proxy console (ca.example.test:8080)")]
    public async Task ExamineAsync_EnrolledMaterial_CardsNameTheSourceAndItsCa(EnrollmentKind kind, string expected)
    {
        var (leaf, keyPath) = _pki.IssueServer("console.example.test");
        using var issued = X509Certificate2.CreateFromPem(File.ReadAllText(leaf));
        using var intermediate = X509Certificate2.CreateFromPem(_pki.IntermediatePem);
        using var key = RSA.Create();
        key.ImportFromPem(File.ReadAllText(keyPath));

        using var examination = await _host.Get<CertificateHandoff>().ExamineAsync(issued, [intermediate], key, new EnrollmentSource(kind, "ca.example.test:8080"));

        Assert.Equal(expected, examination.Report.Chain[0].CameFrom);
        Assert.Equal(expected, examination.Report.Chain[1].CameFrom);
    }
}
