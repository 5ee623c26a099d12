using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Certificates;
using CertManager.Core.Chain;
using CertManager.Core.Csr;
using CertManager.Core.Import;
using CertManager.Core.Install;
using CertManager.Core.Storage;
using CertManager.Core.Tests.Support;
using CertManager.Testing;

namespace CertManager.Core.Tests.Install;

/// <summary>The whole path an administrator takes: CSR here, signed by a CA (openssl), uploaded, examined, installed, uninstalled.</summary>
public abstract class CertificateInstallerTests(PostgreSqlServer? postgreSql) : IDisposable
{
    private readonly CoreTestHost _host = CoreTestHost.Create(now: DateTimeOffset.UtcNow.AddMinutes(5), postgreSql: postgreSql);
    private readonly TestPki _pki = new("Installer");

    [Fact]
    public async Task InstallAsync_CertificateForPendingCsr_IsPresentedWithItsIntermediate()
    {
        var csr = await _host.Get<CsrGenerator>().GenerateAsync(new CsrForm { CommonName = "console.example.test", AlternateNames = ["console.example.test"] }, "alice");
        var certificatePem = _pki.SignCsr(csr.Value.Pem);
        var provider = _host.Get<ServerCertificateProvider>();
        var before = provider.Current.Certificate.GetCertHashString(HashAlgorithmName.SHA256);

        using var material = _host.Get<CertificateImporter>().Import(
            [ImportInput.FromText("server.crt", certificatePem, ImportSlot.Certificate), ImportInput.FromText("chain.pem", _pki.IntermediatePem, ImportSlot.Intermediates)],
            password: null);
        using var examination = await _host.Get<ChainDoctor>().ExamineForInstallAsync(material);
        var installed = await _host.Get<CertificateInstaller>().InstallAsync(examination, warningsConfirmed: true, "alice");

        Assert.True(installed.Succeeded, string.Join("; ", installed.Problems.Select(p => p.Message)));
        Assert.Contains(examination.Report.Problems, p => p.Code == "chain.root-not-found");
        Assert.DoesNotContain(examination.Report.Problems, p => p.Severity == Results.Severity.Error);
        var now = provider.Current;
        Assert.NotEqual(before, now.Certificate.GetCertHashString(HashAlgorithmName.SHA256));
        Assert.Equal(CertificateOrigin.ThirdParty, now.Origin);
        Assert.True(now.Certificate.HasPrivateKey);
        Assert.Equal("CN=Installer Issuing CA, O=Installer PKI, C=CA", Assert.Single(now.Intermediates).Subject);
    }

    [Fact]
    public async Task InstallAsync_CertificateForPendingCsr_RecordsWhoAndWhenAndMarksTheRequestUsed()
    {
        var csr = await _host.Get<CsrGenerator>().GenerateAsync(new CsrForm { CommonName = "console.example.test" }, "alice");
        var certificatePem = _pki.SignCsr(csr.Value.Pem);
        using var material = _host.Get<CertificateImporter>().Import([ImportInput.FromText("server.crt", certificatePem + _pki.IntermediatePem, ImportSlot.Certificate)], null);
        using var examination = await _host.Get<ChainDoctor>().ExamineForInstallAsync(material);

        var installed = await _host.Get<CertificateInstaller>().InstallAsync(examination, warningsConfirmed: true, "bob");

        Assert.True(installed.Succeeded);
        var provenance = _host.Get<CertificateStore>().ReadProvenance(installed.Value.Version);
        Assert.NotNull(provenance);
        Assert.Equal("bob", provenance.InstalledBy);
        Assert.Equal(_host.Time.GetUtcNow(), provenance.InstalledAt);
        Assert.Equal(examination.Report.ServerCertificate!.Source, provenance.Source);
        var pending = _host.Get<PendingRequestStore>();
        Assert.Empty(await pending.ListPendingAsync());
        using var again = X509Certificate2.CreateFromPem(certificatePem);
        Assert.Null(await pending.FindMatchingAsync(again));
    }

    [Fact]
    public async Task InstallAsync_WarningsNotConfirmed_KeepsTheCurrentCertificate()
    {
        var csr = await _host.Get<CsrGenerator>().GenerateAsync(new CsrForm { CommonName = "console.example.test" }, "alice");
        var certificatePem = _pki.SignCsr(csr.Value.Pem);
        var before = _host.Get<ServerCertificateProvider>().Current.Version;

        using var material = _host.Get<CertificateImporter>().Import([ImportInput.FromText("server.crt", certificatePem + _pki.IntermediatePem, ImportSlot.Certificate)], null);
        using var examination = await _host.Get<ChainDoctor>().ExamineForInstallAsync(material);
        var installed = await _host.Get<CertificateInstaller>().InstallAsync(examination, warningsConfirmed: false, "alice");

        Assert.False(installed.Succeeded);
        Assert.Equal("install.warnings-not-confirmed", installed.Problems[0].Code);
        Assert.Equal(before, _host.Get<ServerCertificateProvider>().Current.Version);
    }

    [Fact]
    public async Task ExamineForInstallAsync_NoKeyAndNoPendingRequest_ReportsKeyMissing()
    {
        var (certificatePath, _) = _pki.IssueServer("console.example.test");

        using var material = _host.Get<CertificateImporter>().Import([ImportInput.FromText("server.crt", File.ReadAllText(certificatePath), ImportSlot.Certificate)], null);
        using var examination = await _host.Get<ChainDoctor>().ExamineForInstallAsync(material);

        Assert.False(examination.CanInstall);
        Assert.Contains(examination.Report.Problems, p => p.Code == "key.missing");
        Assert.Contains(examination.Report.Problems, p => p.Code == "chain.issuer-missing" && p.Fix.Contains("http://pki.example.test/issuing.cer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UninstallAsync_AfterInstall_PresentsTheSameDefaultAsBefore()
    {
        var provider = _host.Get<ServerCertificateProvider>();
        var defaultFingerprint = provider.Current.Certificate.GetCertHashString(HashAlgorithmName.SHA256);
        var (certificatePath, keyPath) = _pki.IssueServer("console.example.test");
        using var material = _host.Get<CertificateImporter>().Import(
            [ImportInput.FromText("server.crt", File.ReadAllText(certificatePath), ImportSlot.Certificate),
             ImportInput.FromText("chain.pem", _pki.IntermediatePem, ImportSlot.Intermediates),
             ImportInput.FromText("server.key", File.ReadAllText(keyPath), ImportSlot.PrivateKey)], null);
        using var examination = await _host.Get<ChainDoctor>().ExamineForInstallAsync(material);
        Assert.True((await _host.Get<CertificateInstaller>().InstallAsync(examination, true, "alice")).Succeeded);

        var uninstalled = await _host.Get<CertificateInstaller>().UninstallAsync("alice");

        Assert.True(uninstalled.Succeeded);
        Assert.Equal(CertificateOrigin.SelfSignedDefault, provider.Current.Origin);
        Assert.Equal(defaultFingerprint, provider.Current.Certificate.GetCertHashString(HashAlgorithmName.SHA256));
        Assert.Single(_host.Get<CertificateStore>().ListInstalledVersions());
    }

    public void Dispose()
    {
        _pki.Dispose();
        _host.Dispose();
    }
}

/// <summary>The tests above on SQLite in the data directory.</summary>
public sealed class CertificateInstallerSqliteTests() : CertificateInstallerTests(null);

/// <summary>The tests above on a PostgreSQL database.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class CertificateInstallerPostgreSqlTests(PostgreSqlServer postgreSql) : CertificateInstallerTests(postgreSql);
