using System.IO.Compression;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CertManager.Core.Certificates;
using CertManager.Core.Events;
using CertManager.Core.Export;
using CertManager.Core.Storage;
using CertManager.Testing;

namespace CertManager.Core.Tests.Export;

/// <summary>The exported files, read back by openssl as the LAN servers' admins would.</summary>
public sealed class BundleExporterTests : IDisposable
{
    private const string PfxPassword = "Pfx-export-password-1";

    private readonly CoreTestHost _host = CoreTestHost.Create();
    private readonly TestPki _pki = new("Export");
    private readonly TempDirectory _work = new("certmanager-export");

    public void Dispose()
    {
        _host.Dispose();
        _pki.Dispose();
        _work.Dispose();
    }

    [Fact]
    public async Task WriteAsync_Zip_HoldsCertificateIntermediatesChainKeyAndDescription()
    {
        var (certificatePath, _) = Install("shop.example.test", ["shop.example.test", "www.shop.example.test"]);

        var (prepared, zip) = await ExportAsync(new ExportRequest(ExportFormat.Zip));

        Assert.Equal("shop.example.test.zip", prepared.FileName);
        Assert.Empty(prepared.Warnings);
        var entries = ReadZip(zip);
        Assert.Equal(
            ["shop.example.test.README.txt", "shop.example.test.crt", "shop.example.test.fullchain.crt", "shop.example.test.intermediates.crt", "shop.example.test.key"],
            entries.Keys.Order(StringComparer.Ordinal));
        var leafPem = File.ReadAllText(certificatePath).Trim();
        Assert.Equal(leafPem, entries["shop.example.test.crt"].Trim());
        Assert.Equal(_pki.IntermediatePem.Trim(), entries["shop.example.test.intermediates.crt"].Trim());
        Assert.Equal(leafPem + "\n" + _pki.IntermediatePem.Trim(), entries["shop.example.test.fullchain.crt"].Trim());

        var description = entries["shop.example.test.README.txt"];
        Assert.Contains("CN=shop.example.test", description, StringComparison.Ordinal);
        Assert.Contains("DNS:shop.example.test, DNS:www.shop.example.test", description, StringComparison.Ordinal);
        Assert.Contains(prepared.Fingerprint, description, StringComparison.Ordinal);
        var notAfter = X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath)).NotAfter.ToUniversalTime();
        Assert.Contains(notAfter.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture), description, StringComparison.Ordinal);
        foreach (var name in entries.Keys)
        {
            Assert.Contains(name, description, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WriteAsync_Zip_OpenSslReadsTheFilesAndTheKeyMatchesTheCertificate()
    {
        Install("shop.example.test");
        var (_, zip) = await ExportAsync(new ExportRequest(ExportFormat.Zip));
        Unzip(zip);

        var certificatePublicKey = OpenSsl.Run(_work.Path, "x509", "-in", "shop.example.test.crt", "-noout", "-pubkey");
        var keyPublicKey = OpenSsl.Run(_work.Path, "pkey", "-in", "shop.example.test.key", "-pubout");
        Assert.Equal(certificatePublicKey, keyPublicKey);
        Assert.Contains("Issuing CA", OpenSsl.Run(_work.Path, "x509", "-in", "shop.example.test.intermediates.crt", "-noout", "-subject"), StringComparison.Ordinal);
        Assert.Contains("BEGIN PRIVATE KEY", File.ReadAllText(_work.File("shop.example.test.key")), StringComparison.Ordinal);
        OpenSsl.Run(_work.Path, "verify", "-partial_chain", "-CAfile", "shop.example.test.intermediates.crt", "shop.example.test.crt");
    }

    [Fact]
    public async Task WriteAsync_Zip_KeyEntryCarriesUnixMode0600()
    {
        Install("shop.example.test");
        var (_, zip) = await ExportAsync(new ExportRequest(ExportFormat.Zip));

        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        Assert.Equal(Convert.ToInt32("600", 8), (archive.GetEntry("shop.example.test.key")!.ExternalAttributes >> 16) & 0x1FF);
        Assert.Equal(Convert.ToInt32("644", 8), (archive.GetEntry("shop.example.test.crt")!.ExternalAttributes >> 16) & 0x1FF);
    }

    [Fact]
    public async Task WriteAsync_PfxModern_OpenSslReadsAesSha256AndTheKeyMatches()
    {
        Install("shop.example.test");
        var (prepared, pfx) = await ExportAsync(new ExportRequest(ExportFormat.Pfx, PfxProfile.Modern, PfxPassword));
        File.WriteAllBytes(_work.File("bundle.pfx"), pfx);

        Assert.Equal("shop.example.test.pfx", prepared.FileName);
        var info = OpenSsl.TryRun(_work.Path, "pkcs12", "-info", "-noout", "-in", "bundle.pfx", "-passin", $"pass:{PfxPassword}").EnsureSuccess();
        var described = info.StandardError + info.StandardOutput;
        Assert.Contains("MAC: sha256", described, StringComparison.Ordinal);
        Assert.Contains("AES-256-CBC", described, StringComparison.Ordinal);
        Assert.Contains($"Iteration {Pkcs12Profiles.ModernIterations}", described, StringComparison.Ordinal);
        Assert.DoesNotContain("3-KeyTripleDES", described, StringComparison.Ordinal);
        AssertPfxKeyMatchesCertificate("bundle.pfx", legacy: false);
    }

    [Fact]
    public async Task WriteAsync_PfxCompatible_OpenSslReadsTripleDesSha1WithLegacy()
    {
        Install("shop.example.test");
        var (_, pfx) = await ExportAsync(new ExportRequest(ExportFormat.Pfx, PfxProfile.Compatible, PfxPassword));
        File.WriteAllBytes(_work.File("bundle.pfx"), pfx);

        var info = OpenSsl.TryRun(_work.Path, "pkcs12", "-info", "-noout", "-legacy", "-in", "bundle.pfx", "-passin", $"pass:{PfxPassword}").EnsureSuccess();
        var described = info.StandardError + info.StandardOutput;
        Assert.Contains("MAC: sha1", described, StringComparison.Ordinal);
        Assert.Contains("3-KeyTripleDES", described, StringComparison.Ordinal);
        Assert.DoesNotContain("AES", described, StringComparison.Ordinal);
        AssertPfxKeyMatchesCertificate("bundle.pfx", legacy: true);
    }

    [Theory]
    [InlineData(PfxProfile.Modern)]
    [InlineData(PfxProfile.Compatible)]
    public async Task WriteAsync_Pfx_DotNetDefaultLimitsLoadCertificateKeyAndIntermediate(PfxProfile profile)
    {
        Install("shop.example.test");
        var (prepared, pfx) = await ExportAsync(new ExportRequest(ExportFormat.Pfx, profile, PfxPassword));

        // Pkcs12LoaderLimits.Defaults: what any other .NET host would apply to the file.
        var loaded = X509CertificateLoader.LoadPkcs12Collection(pfx, PfxPassword, X509KeyStorageFlags.EphemeralKeySet);
        Assert.Equal(2, loaded.Count);
        var leaf = Assert.Single(loaded, c => c.HasPrivateKey);
        Assert.Equal(prepared.Fingerprint, TlsProbe.Sha256Fingerprint(leaf));
    }

    [Fact]
    public async Task WriteAsync_PublicPem_HoldsNoKey()
    {
        Install("shop.example.test");

        var (prepared, zip) = await ExportAsync(new ExportRequest(ExportFormat.PublicPem));

        Assert.Equal("shop.example.test.certificate-and-chain.zip", prepared.FileName);
        Assert.False(prepared.Request.IncludesPrivateKey);
        var entries = ReadZip(zip);
        Assert.Equal(["shop.example.test.README.txt", "shop.example.test.crt", "shop.example.test.fullchain.crt", "shop.example.test.intermediates.crt"], entries.Keys.Order(StringComparer.Ordinal));
        Assert.All(entries.Values, content => Assert.DoesNotContain("PRIVATE KEY", content, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WriteAsync_WildcardCertificate_FilesNamedWildcard()
    {
        Install("*.example.test", ["*.example.test", "example.test"]);

        var (prepared, zip) = await ExportAsync(new ExportRequest(ExportFormat.Zip));

        Assert.Equal("wildcard.example.test.zip", prepared.FileName);
        Assert.All(ReadZip(zip).Keys, name => Assert.StartsWith("wildcard.example.test.", name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WriteAsync_SelfSignedDefault_ExportsWithWarning()
    {
        var (prepared, zip) = await ExportAsync(new ExportRequest(ExportFormat.Zip));

        Assert.Equal("export.self-signed-default", Assert.Single(prepared.Warnings).Code);
        Assert.Equal("console.example.test.zip", prepared.FileName);
        var entries = ReadZip(zip);
        Assert.DoesNotContain("console.example.test.intermediates.crt", entries.Keys);
        Assert.Contains("self-signed default", entries["console.example.test.README.txt"], StringComparison.Ordinal);
        Assert.Contains("console.example.test.key", entries.Keys);
    }

    [Fact]
    public async Task WriteAsync_AnyFormat_RecordsWhoWhichFormatAndFingerprintButNoPassword()
    {
        Install("shop.example.test");

        var (prepared, _) = await ExportAsync(new ExportRequest(ExportFormat.Pfx, PfxProfile.Compatible, PfxPassword), actor: "oscar");

        var recorded = (await _host.Get<EventRecorder>().ListRecentAsync(10)).First(e => e.Source == BundleExporter.EventSource);
        Assert.Equal("oscar", recorded.Actor);
        Assert.Equal(prepared.Fingerprint, recorded.CertificateFingerprint);
        Assert.Contains("PFX (compatible)", recorded.Message, StringComparison.Ordinal);
        Assert.Contains("with the private key", recorded.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(PfxPassword, recorded.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(PfxPassword, prepared.Request.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "export.pfx-password-required")]
    [InlineData("", "export.pfx-password-required")]
    [InlineData("short", "export.pfx-password-too-short")]
    public void Prepare_PfxWithoutGoodPassword_Refused(string? password, string code)
    {
        var prepared = _host.Get<BundleExporter>().Prepare(new ExportRequest(ExportFormat.Pfx, PfxProfile.Modern, password));

        Assert.False(prepared.Succeeded);
        Assert.Equal(code, Assert.Single(prepared.Problems).Code);
    }

    private (string CertificatePath, string KeyPath) Install(string commonName, string[]? dnsNames = null)
    {
        var (certificatePath, keyPath) = _pki.IssueServer(commonName, dnsNames);
        using var certificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        using var intermediate = X509Certificate2.CreateFromPem(_pki.IntermediatePem);
        var store = _host.Get<CertificateStore>();
        store.Activate(store.WriteInstalledVersion(certificate, [intermediate], _host.Time.GetUtcNow()));
        Assert.Equal(CertificateOrigin.ThirdParty, _host.Get<ServerCertificateProvider>().Current.Origin);
        return (certificatePath, keyPath);
    }

    private async Task<(PreparedExport Prepared, byte[] Content)> ExportAsync(ExportRequest request, string actor = "test")
    {
        var exporter = _host.Get<BundleExporter>();
        var prepared = exporter.Prepare(request);
        Assert.True(prepared.Succeeded, string.Join("; ", prepared.Problems.Select(p => p.Message)));
        using var destination = new MemoryStream();
        await exporter.WriteAsync(prepared.Value, destination, actor);
        return (prepared.Value, destination.ToArray());
    }

    private static Dictionary<string, string> ReadZip(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var reader = new StreamReader(e.Open(), Encoding.UTF8);
            return reader.ReadToEnd();
        });
    }

    private void Unzip(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        archive.ExtractToDirectory(_work.Path);
    }

    private void AssertPfxKeyMatchesCertificate(string pfxFile, bool legacy)
    {
        string[] legacyFlag = legacy ? ["-legacy"] : [];
        OpenSsl.Run(_work.Path, ["pkcs12", .. legacyFlag, "-in", pfxFile, "-passin", $"pass:{PfxPassword}", "-nocerts", "-nodes", "-out", "from-pfx.key"]);
        OpenSsl.Run(_work.Path, ["pkcs12", .. legacyFlag, "-in", pfxFile, "-passin", $"pass:{PfxPassword}", "-clcerts", "-nokeys", "-out", "from-pfx.crt"]);
        Assert.Equal(
            OpenSsl.Run(_work.Path, "x509", "-in", "from-pfx.crt", "-noout", "-pubkey"),
            OpenSsl.Run(_work.Path, "pkey", "-in", "from-pfx.key", "-pubout"));
    }
}
