using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using CertManager.Core.Import;
using CertManager.Core.Results;
using CertManager.Testing;

namespace CertManager.Core.Tests.Import;

/// <summary>Every format an administrator may upload, each written by openssl at run time, read by the importer.</summary>
public sealed class CertificateImporterTests(ImportFixture fixture) : IClassFixture<ImportFixture>
{
    private readonly TestPki _pki = fixture.Pki;

    private string LeafPem => File.ReadAllText(fixture.LeafPath);

    private string KeyPem => File.ReadAllText(fixture.KeyPath);

    [Fact]
    public void Import_PemWithKeyIntermediateAndLeafInOneFile_ReadsEveryBlockInAnyOrder()
    {
        using var material = Import(ImportInput.FromText("bundle.pem", KeyPem + _pki.IntermediatePem + LeafPem, ImportSlot.Certificate));

        Assert.Empty(material.Problems);
        Assert.Equal(["CN=Import Issuing CA, O=Import PKI, C=CA", "CN=www.example.test"], material.Certificates.Select(c => c.Certificate.Subject));
        Assert.Equal(["bundle.pem, block 2", "bundle.pem, block 3"], material.Certificates.Select(c => c.Source));
        AssertKeyIsOpenSsls(Assert.Single(material.Keys), fixture.KeyPath, "RSA");
    }

    [Fact]
    public void Import_PemWithCrlfLineEndings_ReadsEveryBlock()
    {
        var text = (LeafPem + _pki.IntermediatePem + KeyPem).ReplaceLineEndings("\r\n");

        using var material = Import(ImportInput.FromText("windows.pem", text, ImportSlot.Certificate));

        Assert.Empty(material.Problems);
        Assert.Equal(2, material.Certificates.Count);
        AssertKeyIsOpenSsls(Assert.Single(material.Keys), fixture.KeyPath, "RSA");
    }

    [Fact]
    public void Import_PemWithUtf8ByteOrderMark_ReadsTheCertificate()
    {
        var content = Encoding.UTF8.GetPreamble().Concat(Encoding.ASCII.GetBytes(LeafPem)).ToArray();

        using var material = Import(new ImportInput("notepad.pem", content, ImportSlot.Certificate));

        Assert.Empty(material.Problems);
        Assert.Equal("CN=www.example.test", Assert.Single(material.Certificates).Certificate.Subject);
    }

    [Fact]
    public void Import_OpenSslPkcs12NodesOutputWithBagAttributes_ReadsCertificatesAndKey()
    {
        var pfx = _pki.ExportPkcs12(fixture.LeafPath, fixture.KeyPath, "secret");
        var text = _pki.Run("pkcs12", "-in", pfx, "-nodes", "-passin", "pass:secret");
        Assert.Contains("Bag Attributes", text, StringComparison.Ordinal);

        using var material = Import(ImportInput.FromText("dump.txt", text, ImportSlot.Certificate));

        Assert.Empty(material.Problems);
        Assert.Equal(2, material.Certificates.Count);
        AssertKeyIsOpenSsls(Assert.Single(material.Keys), fixture.KeyPath, "RSA");
    }

    [Fact]
    public void Import_DerCertificate_ReadsIt()
    {
        var der = fixture.Make("leaf.cer", "x509", "-in", fixture.LeafPath, "-outform", "DER", "-out", "leaf.cer");

        using var material = Import(new ImportInput("leaf.cer", der, ImportSlot.Certificate));

        Assert.Empty(material.Problems);
        Assert.Equal(der, Assert.Single(material.Certificates).Certificate.RawData);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Import_Pkcs7Bundle_ReadsEveryCertificate(bool pem)
    {
        var p7b = File.ReadAllBytes(_pki.ExportP7b(pem, fixture.LeafPath, _pki.IntermediatePath));

        using var material = Import(new ImportInput("chain.p7b", p7b, ImportSlot.Certificate));

        Assert.Empty(material.Problems);
        Assert.Equal(
            new[] { "CN=www.example.test", "CN=Import Issuing CA, O=Import PKI, C=CA" }.Order(),
            material.Certificates.Select(c => c.Certificate.Subject).Order());
    }

    [Theory]
    [InlineData("modern", "secret")]
    [InlineData("legacy", "secret")]
    [InlineData("empty-password", "")]
    [InlineData("empty-password", null)]
    [InlineData("no-mac", "secret")]
    public void Import_Pkcs12_ReadsCertificatesAndKey(string kind, string? password)
    {
        var output = $"{kind}-{Guid.NewGuid():N}.p12";
        var arguments = new List<string> { "pkcs12", "-export", "-in", fixture.LeafPath, "-inkey", fixture.KeyPath, "-certfile", _pki.IntermediatePath, "-out", output };
        arguments.AddRange(kind switch
        {
            "legacy" => ["-legacy", "-passout", "pass:secret"],
            "empty-password" => ["-passout", "pass:"],
            "no-mac" => ["-nomac", "-passout", "pass:secret"],
            _ => ["-passout", "pass:secret"],
        });
        var pfx = fixture.Make(output, [.. arguments]);

        using var material = Import(new ImportInput("server.pfx", pfx, ImportSlot.Certificate), password);

        Assert.Empty(material.Problems);
        Assert.Equal(2, material.Certificates.Count);
        Assert.All(material.Certificates, c => Assert.False(c.Certificate.HasPrivateKey));
        AssertKeyIsOpenSsls(Assert.Single(material.Keys), fixture.KeyPath, "RSA");
    }

    [Theory]
    [InlineData("wrong", "import.password-incorrect")]
    [InlineData(null, "import.password-required")]
    [InlineData("", "import.password-required")]
    public void Import_Pkcs12WithoutTheRightPassword_ReportsThePassword(string? password, string code)
    {
        var pfx = File.ReadAllBytes(_pki.ExportPkcs12(fixture.LeafPath, fixture.KeyPath, "secret"));

        using var material = Import(new ImportInput("server.pfx", pfx, ImportSlot.Certificate), password);

        Assert.Empty(material.Certificates);
        var problem = Assert.Single(material.Problems);
        Assert.Equal(code, problem.Code);
        Assert.Equal(Severity.Error, problem.Severity);
        Assert.Contains("server.pfx", problem.Message, StringComparison.Ordinal);
    }

    /// <summary>Each key form, converted from the leaf's key by openssl; the importer's public half must equal openssl's.</summary>
    [Theory]
    [InlineData("pkcs1", null)]
    [InlineData("traditional-encrypted", "x")]
    [InlineData("pkcs8", null)]
    [InlineData("pkcs8-encrypted", "x")]
    [InlineData("pkcs8-der", null)]
    [InlineData("pkcs1-der", null)]
    [InlineData("pkcs8-encrypted-der", "x")]
    public void Import_RsaKeyForm_ReadsTheSameKeyAsOpenSsl(string form, string? password)
    {
        var output = $"{form}-{Guid.NewGuid():N}.key";
        string[] arguments = form switch
        {
            "pkcs1" => ["rsa", "-in", fixture.KeyPath, "-traditional", "-out", output],
            "traditional-encrypted" => ["rsa", "-in", fixture.KeyPath, "-aes256", "-traditional", "-passout", "pass:x", "-out", output],
            "pkcs8" => ["pkcs8", "-topk8", "-nocrypt", "-in", fixture.KeyPath, "-out", output],
            "pkcs8-encrypted" => ["pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", fixture.KeyPath, "-passout", "pass:x", "-out", output],
            "pkcs8-der" => ["pkcs8", "-topk8", "-nocrypt", "-in", fixture.KeyPath, "-outform", "DER", "-out", output],
            "pkcs1-der" => ["rsa", "-in", fixture.KeyPath, "-traditional", "-outform", "DER", "-out", output],
            _ => ["pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", fixture.KeyPath, "-passout", "pass:x", "-outform", "DER", "-out", output],
        };
        var content = fixture.Make(output, arguments);
        if (form == "traditional-encrypted")
        {
            Assert.Contains("Proc-Type: 4,ENCRYPTED", Encoding.ASCII.GetString(content), StringComparison.Ordinal);
        }

        using var material = Import(new ImportInput("server.key", content, ImportSlot.PrivateKey), password);

        Assert.Empty(material.Problems);
        AssertKeyIsOpenSsls(Assert.Single(material.Keys), fixture.KeyPath, "RSA");
    }

    [Theory]
    [InlineData("sec1")]
    [InlineData("pkcs8")]
    [InlineData("pkcs8-encrypted")]
    public void Import_EcKey_ReadsTheSameKeyAsOpenSsl(string form)
    {
        var id = Guid.NewGuid().ToString("N");
        _pki.Run("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", $"{id}.sec1");
        string[] arguments = form switch
        {
            "sec1" => ["ec", "-in", $"{id}.sec1", "-out", $"{id}.out"],
            "pkcs8" => ["pkcs8", "-topk8", "-nocrypt", "-in", $"{id}.sec1", "-out", $"{id}.out"],
            _ => ["pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", $"{id}.sec1", "-passout", "pass:x", "-out", $"{id}.out"],
        };
        var content = fixture.Make($"{id}.out", arguments);

        using var material = Import(new ImportInput("ec.key", content, ImportSlot.PrivateKey), "x");

        Assert.Empty(material.Problems);
        var key = Assert.Single(material.Keys);
        AssertKeyIsOpenSsls(key, _pki.File($"{id}.sec1"), "EC");
        Assert.Equal(256, key.KeySizeBits);
    }

    [Theory]
    [InlineData("traditional", null, "import.password-required")]
    [InlineData("traditional", "wrong", "import.password-incorrect")]
    [InlineData("pkcs8", null, "import.password-required")]
    [InlineData("pkcs8", "wrong", "import.password-incorrect")]
    public void Import_EncryptedKeyWithoutTheRightPassword_ReportsThePassword(string form, string? password, string code)
    {
        var output = $"{form}-{Guid.NewGuid():N}.key";
        var content = form == "traditional"
            ? fixture.Make(output, "rsa", "-in", fixture.KeyPath, "-aes256", "-traditional", "-passout", "pass:x", "-out", output)
            : fixture.Make(output, "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", fixture.KeyPath, "-passout", "pass:x", "-out", output);

        if (password == "wrong" && form == "pkcs8")
        {
            // A wrong password fails the CBC padding check but for about 1 time in 256: openssl's verdict is the referee.
            var openssl = OpenSsl.TryRun(_pki.Directory, "pkcs8", "-in", _pki.File(output), "-passin", "pass:wrong", "-out", "/dev/null");
            Assert.NotEqual(0, openssl.ExitCode);
            code = openssl.StandardError.Contains("bad decrypt", StringComparison.Ordinal) ? code : "import.password-or-damage";
        }

        using var material = Import(new ImportInput("server.key", content, ImportSlot.PrivateKey), password);

        Assert.Empty(material.Keys);
        var problem = Assert.Single(material.Problems);
        Assert.Equal(code, problem.Code);
        Assert.Contains("server.key", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_CsrUploadedAsCertificate_ReportsNotACertificateWithTheCsrHint()
    {
        var csr = fixture.Make("upload.csr", "req", "-new", "-key", fixture.KeyPath, "-subj", "/CN=www.example.test", "-out", "upload.csr");

        using var material = Import(new ImportInput("request.csr", csr, ImportSlot.Certificate));

        Assert.Empty(material.Certificates);
        var problem = Assert.Single(material.Problems);
        Assert.Equal("import.not-a-certificate", problem.Code);
        Assert.Equal(Severity.Error, problem.Severity);
        Assert.Contains("CERTIFICATE REQUEST", problem.Message, StringComparison.Ordinal);
        Assert.Contains("certificate signing request", problem.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Import_EncryptedPkcs8WithAbsurdIterationCount_RefusesBeforeDerivingAnyKey(bool pem)
    {
        // openssl writes 65536 as INTEGER 02 03 01 00 00; the same length holds 0x7FFFFF = 8,388,607, far above the limit,
        // which would take seconds to derive if the guard let it through.
        var output = $"iter-{Guid.NewGuid():N}.der";
        var der = fixture.Make(output, "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-iter", "65536", "-in", fixture.KeyPath, "-passout", "pass:x", "-outform", "DER", "-out", output);
        var at = der.AsSpan().IndexOf(new byte[] { 0x02, 0x03, 0x01, 0x00, 0x00 });
        Assert.True(at > 0);
        Assert.Equal(-1, der.AsSpan(at + 1).IndexOf(new byte[] { 0x02, 0x03, 0x01, 0x00, 0x00 }));
        der[at + 2] = 0x7F;
        der[at + 3] = 0xFF;
        der[at + 4] = 0xFF;
        var content = pem ? Encoding.ASCII.GetBytes(PemEncoding.WriteString("ENCRYPTED PRIVATE KEY", der)) : der;

        var stopwatch = Stopwatch.StartNew();
        using var material = Import(new ImportInput("hostile.key", content, ImportSlot.PrivateKey), "x");
        stopwatch.Stop();

        var problem = Assert.Single(material.Problems);
        Assert.Equal("import.kdf-iterations-too-high", problem.Code);
        Assert.Contains("8,388,607", problem.Message, StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromMilliseconds(500), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public void Import_Pkcs12AboveTheConfiguredIterationLimit_ReportsKdfIterationsTooHigh()
    {
        using var host = CoreTestHost.Create(new Dictionary<string, string?> { ["CertManager:Import:MaxKdfIterations"] = "1000" });
        var pfx = fixture.Make("iter2048.p12", "pkcs12", "-export", "-in", fixture.LeafPath, "-inkey", fixture.KeyPath, "-iter", "2048", "-passout", "pass:secret", "-out", "iter2048.p12");

        using var material = host.Get<CertificateImporter>().Import([new ImportInput("server.pfx", pfx, ImportSlot.Certificate)], "secret");

        Assert.Empty(material.Certificates);
        Assert.Empty(material.Keys);
        var problem = Assert.Single(material.Problems);
        Assert.Equal("import.kdf-iterations-too-high", problem.Code);
        Assert.Equal("server.pfx asks for 2,048 key-derivation iterations; the most accepted is 1,000.", problem.Message);
    }

    private static ImportedMaterial Import(ImportInput input, string? password = null) =>
        ImportFixture.Importer().Import([input], password);

    private void AssertKeyIsOpenSsls(ImportedKey key, string keyPath, string algorithm)
    {
        Assert.Equal(algorithm, key.Algorithm);
        Assert.NotNull(key.Key);
        Assert.Equal(Convert.ToHexString(fixture.PublicKeyOf(keyPath)), Convert.ToHexString(key.SubjectPublicKeyInfo!));
    }
}
