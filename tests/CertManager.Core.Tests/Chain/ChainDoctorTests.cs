using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Certificates;
using CertManager.Core.Chain;
using CertManager.Core.Import;
using CertManager.Core.Install;
using CertManager.Core.Results;
using CertManager.Core.Trust;
using CertManager.Testing;

namespace CertManager.Core.Tests.Chain;

/// <summary>
/// Each diagnosis of the chain doctor on certificates an openssl CA made at run time: the problem's code and severity,
/// and that its message or fix names the certificate concerned. The console's host name is console.example.test.
/// </summary>
public sealed class ChainDoctorTests(ChainDoctorTests.PkiFixture fixture) : IClassFixture<ChainDoctorTests.PkiFixture>, IDisposable
{
    private const string Host = "console.example.test";
    private const string IssuingCa = "CN=Doctor Issuing CA";

    // openssl stamps certificates with the real time; the console's clock starts just after it.
    private readonly CoreTestHost _host = CoreTestHost.Create(now: DateTimeOffset.UtcNow.AddMinutes(5));
    private readonly TestPki _pki = fixture.Pki;

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task ExamineForInstallAsync_KeyOfAnotherCertificate_ReportsKeyMismatchNamingTheServer()
    {
        var (leaf, _) = _pki.IssueServer(Host);
        var (_, otherKey) = _pki.IssueServer("other.example.test");

        using var examination = await ExamineForInstallAsync(Cert(leaf), Chain(), Key(otherKey));

        var problem = AssertProblem(examination, "key.mismatch", Severity.Error);
        Assert.Contains($"CN={Host}", problem.Message, StringComparison.Ordinal);
        Assert.False(examination.CanInstall);
    }

    [Fact]
    public async Task ExamineForInstallAsync_NoKeyAndNoPendingKey_ReportsKeyMissing()
    {
        var (leaf, _) = _pki.IssueServer(Host);

        using var examination = await ExamineForInstallAsync(Cert(leaf), Chain());

        AssertProblem(examination, "key.missing", Severity.Error);
        Assert.False(examination.CanInstall);
    }

    [Fact]
    public async Task ExamineForInstallAsync_EcCertificateWithDefaultSettings_ReportsOnlyRsaIsInstalled()
    {
        _pki.Run("ecparam", "-name", "prime256v1", "-out", "p256.param");
        var (leaf, key) = _pki.IssueServer(Host, keySpec: "ec:" + _pki.File("p256.param"));

        using var examination = await ExamineForInstallAsync(Cert(leaf), Chain(), Key(key));

        var problem = AssertProblem(examination, "key.algorithm-not-allowed", Severity.Error);
        Assert.Contains("ECDSA key", problem.Message, StringComparison.Ordinal);
        Assert.Contains("installs only RSA certificates", problem.Message, StringComparison.Ordinal);
        Assert.Equal("EC", examination.Report.ServerCertificate!.KeyAlgorithm);
    }

    [Fact]
    public async Task ExamineForInstallAsync_Rsa1024Certificate_ReportsKeyTooSmall()
    {
        var (leaf, key) = _pki.IssueServer(Host, keySpec: "rsa:1024");

        using var examination = await ExamineForInstallAsync(Cert(leaf), Chain(), Key(key));

        var problem = AssertProblem(examination, "key.too-small", Severity.Error);
        Assert.Contains("1024 bits", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExamineForInstallAsync_ServerCertificateExpired_ReportsItsEndDate()
    {
        var (leaf, key) = _pki.IssueServer(Host);
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(leaf));
        _host.Time.Advance(TimeSpan.FromDays(100));

        using var examination = await ExamineForInstallAsync(Cert(leaf), Chain(), Key(key));

        var problem = AssertProblem(examination, "chain.server-expired", Severity.Error);
        Assert.Contains($"CN={Host}", problem.Message, StringComparison.Ordinal);
        Assert.Contains(certificate.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(examination.Report.Problems, p => p.Code == "chain.intermediate-expired");
        Assert.False(examination.Report.PathValid);
    }

    [Fact]
    public async Task ExamineForInstallAsync_ServerCertificateNotYetValid_ReportsItsStartDate()
    {
        // Signed with the openssl-made intermediate key by .NET, because openssl 3.0's x509 cannot set a future start date.
        using var issuer = X509Certificate2.CreateFromPemFile(_pki.Intermediate.CertificatePath, _pki.Intermediate.KeyPath);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={Host}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(Host);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var notBefore = _host.Time.GetUtcNow().AddDays(30);
        using var future = request.Create(issuer, notBefore, notBefore.AddDays(90), [0x42, 0x01]);
        var keyPem = key.ExportPkcs8PrivateKeyPem();

        using var examination = await ExamineForInstallAsync(
            ImportInput.FromText("server.crt", future.ExportCertificatePem(), ImportSlot.Certificate), Chain(), ImportInput.FromText("server.key", keyPem, ImportSlot.PrivateKey));

        var problem = AssertProblem(examination, "chain.server-not-yet-valid", Severity.Error);
        Assert.Contains($"CN={Host}", problem.Message, StringComparison.Ordinal);
        Assert.Contains(notBefore.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(examination.Report.Problems, p => p.Code == "chain.intermediate-not-yet-valid");
    }

    [Fact]
    public async Task ExamineForInstallAsync_IntermediateExpired_ReportsItByPositionAndName()
    {
        var shortLived = _pki.IssueIntermediate("Short Lived CA", days: 1);
        var (leaf, key) = _pki.IssueServerBy(shortLived, Host);
        _host.Time.Advance(TimeSpan.FromDays(2));

        using var examination = await ExamineForInstallAsync(Cert(leaf), Intermediates(shortLived.CertificatePath), Key(key));

        var problem = AssertProblem(examination, "chain.intermediate-expired", Severity.Error);
        Assert.Contains("#2 (CN=Short Lived CA)", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(examination.Report.Problems, p => p.Code == "chain.server-expired");
    }

    [Fact]
    public async Task ExamineChainAsync_IntermediateMissing_ReportsTheIssuerAndItsCaIssuersUrl()
    {
        var (leaf, _) = _pki.IssueServer(Host);

        using var examination = await ExamineChainAsync(Cert(leaf));

        var problem = AssertProblem(examination, "chain.issuer-missing", Severity.Error);
        Assert.Contains($"CN={Host}", problem.Message, StringComparison.Ordinal);
        Assert.Contains("CN=Doctor Issuing CA", problem.Message, StringComparison.Ordinal);
        Assert.Contains("http://pki.example.test/issuing.cer", problem.Fix, StringComparison.Ordinal);
        Assert.False(examination.Report.PathValid);
    }

    [Fact]
    public async Task ExamineChainAsync_RootNotInTrustStore_WarnsNamingTheTopIntermediateAndItsIssuer()
    {
        var (leaf, _) = _pki.IssueServer(Host);

        using var examination = await ExamineChainAsync(Cert(leaf), Chain());

        var problem = AssertProblem(examination, "chain.root-not-found", Severity.Warning);
        Assert.Contains(IssuingCa, problem.Message, StringComparison.Ordinal);
        Assert.Contains("CN=Doctor Root CA", problem.Message, StringComparison.Ordinal);
        Assert.Contains("http://pki.example.test/root.cer", problem.Fix, StringComparison.Ordinal);
        Assert.False(examination.Report.PathValid);
    }

    [Fact]
    public async Task ExamineChainAsync_UntrustedRootUploaded_WarnsRootUntrustedAndDropsIt()
    {
        var (leaf, _) = _pki.IssueServer(Host);

        using var examination = await ExamineChainAsync(Cert(leaf), Chain(), Intermediates(_pki.RootPath));

        var untrusted = AssertProblem(examination, "chain.root-untrusted", Severity.Warning);
        Assert.Contains("CN=Doctor Root CA", untrusted.Message, StringComparison.Ordinal);
        var dropped = AssertProblem(examination, "bundle.root-dropped", Severity.Info);
        Assert.Contains("CN=Doctor Root CA", dropped.Message, StringComparison.Ordinal);
        Assert.False(examination.Report.PathValid);
    }

    [Fact]
    public async Task ExamineChainAsync_TrustedRootUploaded_IsDroppedAndNotSent()
    {
        await TrustRootAsync();
        var (leaf, _) = _pki.IssueServer(Host);

        using var examination = await ExamineChainAsync(Cert(leaf), Chain(), Intermediates(_pki.RootPath));

        var problem = AssertProblem(examination, "bundle.root-dropped", Severity.Info);
        Assert.Contains("CN=Doctor Root CA", problem.Message, StringComparison.Ordinal);
        Assert.True(examination.Report.PathValid);
        var root = Assert.Single(examination.Report.Chain, l => l.Role == ChainLinkRole.Root);
        Assert.False(root.Sent);
        Assert.Equal([IssuingCa + ", O=Doctor PKI, C=CA"], examination.Intermediates.Select(c => c.Subject));
    }

    [Fact]
    public async Task InstallAsync_IntermediatesInWrongOrder_ReportsReorderedAndInstallsThemInChainOrder()
    {
        await TrustRootAsync();
        var policyCa = _pki.IssueIntermediate("Doctor Policy CA");
        var issuingCa = _pki.IssueIntermediate("Doctor Second Issuing CA", policyCa, pathLength: 0);
        var (leaf, key) = _pki.IssueServerBy(issuingCa, Host);

        using var examination = await ExamineForInstallAsync(Cert(leaf), Intermediates(policyCa.CertificatePath, issuingCa.CertificatePath), Key(key));

        AssertProblem(examination, "bundle.reordered", Severity.Warning);
        Assert.True(examination.Report.PathValid);
        var installed = await _host.Get<CertificateInstaller>().InstallAsync(examination, warningsConfirmed: true, "alice");
        Assert.True(installed.Succeeded, string.Join("; ", installed.Problems.Select(p => p.Message)));
        Assert.Equal(
            ["CN=Doctor Second Issuing CA, O=Doctor PKI, C=CA", "CN=Doctor Policy CA, O=Doctor PKI, C=CA"],
            _host.Get<ServerCertificateProvider>().Current.Intermediates.Select(c => c.Subject));
    }

    [Fact]
    public async Task ExamineChainAsync_IntermediateUploadedTwice_ReportsTheDuplicate()
    {
        var (leaf, _) = _pki.IssueServer(Host);

        using var examination = await ExamineChainAsync(Cert(leaf), Chain(), Chain());

        var problem = AssertProblem(examination, "bundle.duplicate", Severity.Warning);
        Assert.Contains(IssuingCa, problem.Message, StringComparison.Ordinal);
        Assert.Single(examination.Intermediates);
    }

    [Fact]
    public async Task ExamineChainAsync_UnrelatedCertificate_ReportsItAndDropsIt()
    {
        using var other = new TestPki("Unrelated");
        var (leaf, _) = _pki.IssueServer(Host);

        using var examination = await ExamineChainAsync(Cert(leaf), Chain(), Intermediates(other.IntermediatePath));

        var problem = AssertProblem(examination, "bundle.unrelated", Severity.Warning);
        Assert.Contains("CN=Unrelated Issuing CA", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(examination.Intermediates, c => c.Subject.Contains("Unrelated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExamineChainAsync_Sha1SignedServerCertificate_IsAnErrorNamingIt()
    {
        var (leaf, _) = _pki.IssueServer(Host, hash: "sha1");

        using var examination = await ExamineChainAsync(Cert(leaf), Chain());

        var problem = AssertProblem(examination, "chain.sha1-signature", Severity.Error);
        Assert.Contains($"#1 (CN={Host})", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExamineChainAsync_NoSubjectAltName_IsAnError()
    {
        var csr = _pki.Run("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "nosan.key", "-subj", $"/CN={Host}");
        var leaf = _pki.SignCsr(csr);

        using var examination = await ExamineChainAsync(ImportInput.FromText("server.crt", leaf, ImportSlot.Certificate), Chain());

        AssertProblem(examination, "server.no-subject-alt-name", Severity.Error);
        AssertProblem(examination, "server.host-not-covered", Severity.Warning);
    }

    [Fact]
    public async Task ExamineChainAsync_ClientAuthOnlyCertificate_IsAnErrorNoServerAuth()
    {
        var (leaf, _) = _pki.IssueServer(Host, serverAuth: false);

        using var examination = await ExamineChainAsync(Cert(leaf), Chain());

        AssertProblem(examination, "server.no-server-auth", Severity.Error);
    }

    [Fact]
    public async Task ExamineChainAsync_HostNotAmongTheNames_WarnsNamingTheHost()
    {
        var (leaf, _) = _pki.IssueServer("other.example.test", ["other.example.test", "*.other.example.test"]);

        using var examination = await ExamineChainAsync(Cert(leaf), Chain());

        var problem = AssertProblem(examination, "server.host-not-covered", Severity.Warning);
        Assert.Contains($"'{Host}'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExamineChainAsync_HostCoveredByWildcard_DoesNotWarn()
    {
        var (leaf, _) = _pki.IssueServer("example.test", ["*.example.test"]);

        using var examination = await ExamineChainAsync(Cert(leaf), Chain());

        Assert.DoesNotContain(examination.Report.Problems, p => p.Code == "server.host-not-covered");
    }

    [Fact]
    public async Task ExamineForInstallAsync_OnlyTheIntermediateUploadedAsCertificate_ReportsServerIsCa()
    {
        using var examination = await ExamineForInstallAsync(ImportInput.FromText("server.crt", _pki.IntermediatePem, ImportSlot.Certificate));

        var problem = AssertProblem(examination, "bundle.server-is-ca", Severity.Error);
        Assert.Contains(IssuingCa, problem.Message, StringComparison.Ordinal);
        Assert.False(examination.CanInstall);
    }

    [Fact]
    public async Task ExamineChainAsync_OnlyTheRootUploaded_ReportsNoServerCertificate()
    {
        using var examination = await ExamineChainAsync(ImportInput.FromText("server.crt", _pki.RootPem, ImportSlot.Certificate));

        AssertProblem(examination, "bundle.no-server-certificate", Severity.Error);
        Assert.Null(examination.Report.ServerCertificate);
    }

    private async Task TrustRootAsync()
    {
        using var root = X509Certificate2.CreateFromPem(File.ReadAllText(_pki.RootPath));
        Assert.True((await _host.Get<TrustStore>().AddRootAsync(root, "alice")).Succeeded);
    }

    private static Problem AssertProblem(Examination examination, string code, Severity severity)
    {
        var problem = Assert.Single(examination.Report.Problems, p => p.Code == code);
        Assert.Equal(severity, problem.Severity);
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
        Assert.False(string.IsNullOrWhiteSpace(problem.Fix));
        return problem;
    }

    private async Task<Examination> ExamineForInstallAsync(params ImportInput[] inputs)
    {
        using var material = _host.Get<CertificateImporter>().Import(inputs, password: null);
        return await _host.Get<ChainDoctor>().ExamineForInstallAsync(material);
    }

    private async Task<Examination> ExamineChainAsync(params ImportInput[] inputs)
    {
        using var material = _host.Get<CertificateImporter>().Import(inputs, password: null);
        return await _host.Get<ChainDoctor>().ExamineChainAsync(material);
    }

    private static ImportInput Cert(string path) => ImportInput.FromText("server.crt", File.ReadAllText(path), ImportSlot.Certificate);

    private static ImportInput Key(string path) => ImportInput.FromText("server.key", File.ReadAllText(path), ImportSlot.PrivateKey);

    private ImportInput Chain() => Intermediates(_pki.IntermediatePath);

    private static ImportInput Intermediates(params string[] paths) =>
        ImportInput.FromText("chain.pem", string.Concat(paths.Select(File.ReadAllText)), ImportSlot.Intermediates);

    public sealed class PkiFixture : IDisposable
    {
        public TestPki Pki { get; } = new("Doctor");

        public void Dispose() => Pki.Dispose();
    }
}
