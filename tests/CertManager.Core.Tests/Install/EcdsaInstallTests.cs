using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Certificates;
using CertManager.Core.Chain;
using CertManager.Core.Csr;
using CertManager.Core.Export;
using CertManager.Core.Import;
using CertManager.Core.Install;
using CertManager.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CertManager.Core.Tests.Install;

/// <summary>
/// ECDSA certificates (P-256, P-384) are installed only when <c>CertManager:Install:AllowedKeyAlgorithms</c> lists
/// ECDSA; then they go through the same doctor, store, deploy directory and export as RSA, checked with openssl.
/// </summary>
public sealed class EcdsaInstallTests : IDisposable
{
    private const string Host = "console.example.test";

    private readonly TestPki _pki = new("Ecdsa");
    private readonly TempDirectory _deploy = new("certmanager-ecdsa-deploy");
    private readonly CoreTestHost _ecdsaHost;

    public EcdsaInstallTests()
    {
        _ecdsaHost = CoreTestHost.Create(
            new Dictionary<string, string?>
            {
                ["CertManager:Install:AllowedKeyAlgorithms:0"] = "RSA",
                ["CertManager:Install:AllowedKeyAlgorithms:1"] = "ECDSA",
                ["CertManager:Install:DeployDirectory"] = _deploy.Path,
            },
            now: DateTimeOffset.UtcNow.AddMinutes(5));
    }

    public void Dispose()
    {
        _ecdsaHost.Dispose();
        _pki.Dispose();
        _deploy.Dispose();
    }

    [Fact]
    public async Task ExamineForInstallAsync_EcdsaCertificateWithDefaultSettings_RefusedNamingTheSetting()
    {
        using var rsaOnly = CoreTestHost.Create(now: DateTimeOffset.UtcNow.AddMinutes(5));
        var (leaf, key) = IssueEcdsa("prime256v1");

        using var examination = await ExamineAsync(rsaOnly, leaf, key);

        var refused = Assert.Single(examination.Report.Problems, p => p.Code == "key.algorithm-not-allowed");
        Assert.Contains("CertManager:Install:AllowedKeyAlgorithms", refused.Message, StringComparison.Ordinal);
        Assert.Contains("add ECDSA to CertManager:Install:AllowedKeyAlgorithms", refused.Fix, StringComparison.Ordinal);
        Assert.False(examination.CanInstall);
    }

    [Fact]
    public async Task InstallAsync_EcdsaP256Allowed_PresentedAfterRestartDeployedAndExportedWithItsKey()
    {
        var (leaf, key) = IssueEcdsa("prime256v1");
        using (var examination = await ExamineAsync(_ecdsaHost, leaf, key))
        {
            Assert.True(examination.CanInstall, string.Join("; ", examination.Report.Problems.Select(p => p.Message)));
            var installed = await _ecdsaHost.Get<CertificateInstaller>().InstallAsync(examination, warningsConfirmed: true, "alice");
            Assert.True(installed.Succeeded, string.Join("; ", installed.Problems.Select(p => p.Message)));
        }

        // The stored key is read back as ECDSA by a console started over the same data directory.
        using (var restarted = _ecdsaHost.CreateProviderOverSameData())
        {
            var presented = restarted.GetRequiredService<ServerCertificateProvider>().Current.Certificate;
            Assert.Equal(Fingerprint(leaf), presented.GetCertHashString(HashAlgorithmName.SHA256));
            using var ecdsa = presented.GetECDsaPrivateKey();
            Assert.NotNull(ecdsa);
            Assert.Equal(256, ecdsa.KeySize);
        }

        // The deploy directory's key is the certificate's, as openssl (and so nginx) reads it.
        var deployedKey = Path.Combine(_deploy.Path, "privkey.pem");
        Assert.Equal(_pki.Run("x509", "-in", leaf, "-noout", "-pubkey"), _pki.Run("pkey", "-in", deployedKey, "-pubout"));
        Assert.Contains("ASN1 OID: prime256v1", _pki.Run("pkey", "-in", deployedKey, "-noout", "-text"), StringComparison.Ordinal);

        // The PFX export carries the EC key and openssl opens it.
        var exporter = _ecdsaHost.Get<BundleExporter>();
        var prepared = exporter.Prepare(new ExportRequest(ExportFormat.Pfx, PfxProfile.Modern, "Pfx-export-password-1"));
        Assert.True(prepared.Succeeded, string.Join("; ", prepared.Problems.Select(p => p.Message)));
        using var pfx = new MemoryStream();
        await exporter.WriteAsync(prepared.Value, pfx, "alice");
        var pfxPath = _pki.File("export.pfx");
        await File.WriteAllBytesAsync(pfxPath, pfx.ToArray());
        var exportedKey = _pki.Run("pkcs12", "-in", pfxPath, "-passin", "pass:Pfx-export-password-1", "-nocerts", "-nodes");
        await File.WriteAllTextAsync(_pki.File("exported.key"), exportedKey);
        Assert.Equal(_pki.Run("x509", "-in", leaf, "-noout", "-pubkey"), _pki.Run("pkey", "-in", _pki.File("exported.key"), "-pubout"));
    }

    [Fact]
    public async Task ExamineForInstallAsync_EcdsaP521_RefusedAsACurveBrowsersDoNotAccept()
    {
        var (leaf, key) = IssueEcdsa("secp521r1");

        using var examination = await ExamineAsync(_ecdsaHost, leaf, key);

        Assert.Contains(examination.Report.Problems, p => p.Code == "key.ec-curve-not-installable");
        Assert.False(examination.CanInstall);
    }

    [Fact]
    public async Task GenerateAsync_EcdsaP384Allowed_CsrVerifiesAndItsCertificateInstallsWithThePendingKey()
    {
        var csr = await _ecdsaHost.Get<CsrGenerator>().GenerateAsync(new CsrForm { CommonName = Host, KeySize = 384, Hash = CsrHashAlgorithm.Sha384 }, "alice");

        Assert.True(csr.Succeeded, string.Join("; ", csr.Problems.Select(p => p.Message)));
        Assert.Equal("EC", csr.Value.KeyAlgorithm);
        Assert.Equal(384, csr.Value.KeySizeBits);
        Assert.Equal("ecdsa-with-SHA384", csr.Value.SignatureAlgorithm);
        var csrPath = _pki.File("p384.csr");
        await File.WriteAllTextAsync(csrPath, csr.Value.Pem);
        var text = _pki.Run("req", "-in", csrPath, "-noout", "-verify", "-text");
        Assert.Contains("ASN1 OID: secp384r1", text, StringComparison.Ordinal);
        Assert.Contains("ecdsa-with-SHA384", text, StringComparison.Ordinal);

        var certificatePem = _pki.SignCsr(csr.Value.Pem);
        using var material = _ecdsaHost.Get<CertificateImporter>().Import([ImportInput.FromText("server.crt", certificatePem + _pki.IntermediatePem, ImportSlot.Certificate)], null);
        using var examination = await _ecdsaHost.Get<ChainDoctor>().ExamineForInstallAsync(material);
        var installed = await _ecdsaHost.Get<CertificateInstaller>().InstallAsync(examination, warningsConfirmed: true, "alice");

        Assert.True(installed.Succeeded, string.Join("; ", installed.Problems.Concat(examination.Report.Problems).Select(p => p.Message)));
        using var presentedKey = _ecdsaHost.Get<ServerCertificateProvider>().Current.Certificate.GetECDsaPrivateKey();
        Assert.NotNull(presentedKey);
        Assert.Equal(384, presentedKey.KeySize);
    }

    [Fact]
    public async Task GenerateAsync_EcdsaWithDefaultSettings_RefusedNextToTheKeyField()
    {
        using var rsaOnly = CoreTestHost.Create();

        var csr = await rsaOnly.Get<CsrGenerator>().GenerateAsync(new CsrForm { CommonName = Host, KeySize = 256 }, "alice");

        Assert.False(csr.Succeeded);
        var problem = Assert.Single(csr.Problems, p => p.Code == "csr.key-size-ecdsa-not-allowed");
        Assert.Equal(CsrField.KeySize, CsrErrors.FieldOf(problem));
        Assert.Contains("CertManager:Install:AllowedKeyAlgorithms", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyAlgorithmPolicy_UnknownAlgorithmConfigured_FailsNamingTheAllowedValues()
    {
        using var host = CoreTestHost.Create(new Dictionary<string, string?> { ["CertManager:Install:AllowedKeyAlgorithms:0"] = "DSA" });

        var failure = Assert.Throws<OptionsValidationException>(() => host.Get<KeyAlgorithmPolicy>());

        Assert.Contains("'DSA'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("allowed values are RSA and ECDSA", failure.Message, StringComparison.Ordinal);
    }

    private (string CertificatePath, string KeyPath) IssueEcdsa(string curve)
    {
        var parameters = _pki.File($"{curve}.params");
        _pki.Run("ecparam", "-name", curve, "-out", parameters);
        return _pki.IssueServer(Host, keySpec: $"ec:{parameters}");
    }

    private async Task<Examination> ExamineAsync(CoreTestHost host, string leaf, string key)
    {
        using var material = host.Get<CertificateImporter>().Import(
            [ImportInput.FromText("server.crt", await File.ReadAllTextAsync(leaf), ImportSlot.Certificate), ImportInput.FromText("server.key", await File.ReadAllTextAsync(key), ImportSlot.PrivateKey), ImportInput.FromText("chain.pem", _pki.IntermediatePem, ImportSlot.Intermediates)],
            password: null);
        return await host.Get<ChainDoctor>().ExamineForInstallAsync(material);
    }

    private static string Fingerprint(string certificatePath)
    {
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath));
        return certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }
}
