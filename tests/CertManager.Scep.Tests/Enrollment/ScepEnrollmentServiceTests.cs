using CertManager.Core.Results;
using CertManager.Core.Storage;
using CertManager.Scep.Enrollment;
using CertManager.Scep.Tests.Support;
using CertManager.Testing;

namespace CertManager.Scep.Tests.Enrollment;

/// <summary>Enrollment through to the chain doctor and the install, against Debian's scepserver.</summary>
public sealed class ScepEnrollmentServiceTests
{
    [Fact]
    public async Task Enroll_ScepserverClientOnlyCertificate_ChainDoctorRefusesItAndTheDefaultStays()
    {
        using var server = ScepServer.Start();
        using var host = new ScepTestHost();
        var service = host.Get<ScepEnrollmentService>();
        var request = ScepEnrollmentService.Validate(new ScepEnrollmentForm { CaAddress = $"127.0.0.1:{server.Port}", UriPath = "/scep", CommonName = "console.example.test" }).Value;
        var ca = await service.ContactCaAsync(request);
        Assert.True(ca.Succeeded, string.Join("\n", ca.Problems.Select(p => p.Message)));

        using var enrollment = (await service.EnrollAsync(request, ca.Value, server.Challenge, "test")).Value;

        var problems = enrollment.Report!.Problems;
        // scepserver 2.1 copies the requested subjectAltName (contrary to docs/PEERS.md) but only ever grants clientAuth,
        // and a server certificate without serverAuth would lock browsers out of the console: an error, not a warning.
        Assert.Equal(Severity.Error, Assert.Single(problems, p => p.Code == "server.no-server-auth").Severity);
        Assert.DoesNotContain(problems, p => p.Code is "server.no-subject-alt-name" or "server.host-not-covered");
        Assert.Contains(problems, p => p.Code == "chain.root-untrusted");
        Assert.False(enrollment.Examination!.CanInstall);
        Assert.False((await service.InstallAsync(enrollment, warningsConfirmed: true, "test")).Succeeded);
        Assert.Equal(CertificateStore.DefaultVersion, host.Get<CertificateStore>().ReadActiveVersion());
    }

    [Fact]
    public async Task ContactCa_PinnedFingerprintDiffers_StopsBeforeSendingAnything()
    {
        using var server = ScepServer.Start();
        using var host = new ScepTestHost();
        var service = host.Get<ScepEnrollmentService>();
        var request = ScepEnrollmentService.Validate(new ScepEnrollmentForm
        {
            CaAddress = $"http://127.0.0.1:{server.Port}",
            UriPath = "scep",
            CommonName = "console.example.test",
            ExpectedCaFingerprint = string.Concat(Enumerable.Repeat("AB:", 31)) + "AB",
        }).Value;

        var ca = await service.ContactCaAsync(request);

        Assert.Equal("scep.ca-fingerprint-mismatch", Assert.Single(ca.Problems).Code);
    }

    [Fact]
    public async Task ContactCa_PinnedFingerprintMatches_Succeeds()
    {
        using var server = ScepServer.Start();
        using var host = new ScepTestHost();
        using var caCertificate = server.CaCertificate;
        var request = ScepEnrollmentService.Validate(new ScepEnrollmentForm
        {
            CaAddress = $"127.0.0.1:{server.Port}",
            UriPath = "/scep",
            CommonName = "console.example.test",
            ExpectedCaFingerprint = TlsProbe.Sha256Fingerprint(caCertificate).ToLowerInvariant(),
        }).Value;

        Assert.True((await host.Get<ScepEnrollmentService>().ContactCaAsync(request)).Succeeded);
    }

    [Theory]
    [InlineData("", "scep.address-invalid")]
    [InlineData("ftp://ca.example.com", "scep.address-invalid")]
    [InlineData("ca.example.com/certsrv", "scep.address-invalid")]
    public void Validate_BadCaAddress_ReportsIt(string address, string code)
    {
        var result = ScepEnrollmentService.Validate(new ScepEnrollmentForm { CaAddress = address, CommonName = "console.example.test" });

        Assert.Contains(result.Problems, p => p.Code == code);
    }

    [Fact]
    public void Validate_BadCommonNameAndFingerprint_ReportsBothWithTheCsrRules()
    {
        var result = ScepEnrollmentService.Validate(new ScepEnrollmentForm { CaAddress = "ca.example.com", CommonName = "not a name", ExpectedCaFingerprint = "1234" });

        Assert.False(result.Succeeded);
        Assert.Contains(result.Problems, p => p.Code.StartsWith("csr.common-name-", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Code == "scep.ca-fingerprint-invalid");
    }
}
