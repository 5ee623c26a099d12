using CertManager.Core.Chain;
using CertManager.Core.Import;
using CertManager.Testing;

namespace CertManager.Core.Tests.Import;

/// <summary>
/// Keys and certificates that are not RSA, each made by openssl: the importer reads them and names the algorithm, so that
/// the upload says "not RSA" rather than "not a certificate" or "wrong password". EC keys stay readable as before.
/// </summary>
public sealed class NonRsaImportTests(ImportFixture fixture) : IClassFixture<ImportFixture>
{
    private readonly TestPki _pki = fixture.Pki;

    [Theory]
    [InlineData("dsa-traditional", "DSA", 1024)]
    [InlineData("dsa-pkcs8", "DSA", 1024)]
    [InlineData("ed25519", "Ed25519", 256)]
    [InlineData("rsa-pss", "RSA-PSS", 2048)]
    public void Import_NonRsaKey_ReportsNotRsaWithTheAlgorithm(string kind, string algorithm, int bits)
    {
        var id = Guid.NewGuid().ToString("N");
        switch (kind)
        {
            case "dsa-traditional" or "dsa-pkcs8":
                _pki.Run("genpkey", "-genparam", "-algorithm", "DSA", "-pkeyopt", "dsa_paramgen_bits:1024", "-out", $"{id}.params");
                _pki.Run("genpkey", "-paramfile", $"{id}.params", "-out", $"{id}.pkcs8");
                _pki.Run(kind == "dsa-traditional" ? ["pkey", "-in", $"{id}.pkcs8", "-traditional", "-out", $"{id}.key"] : ["pkey", "-in", $"{id}.pkcs8", "-out", $"{id}.key"]);
                break;
            case "ed25519":
                _pki.Run("genpkey", "-algorithm", "ED25519", "-out", $"{id}.key");
                break;
            default:
                _pki.Run("genpkey", "-algorithm", "RSA-PSS", "-pkeyopt", "rsa_keygen_bits:2048", "-out", $"{id}.key");
                break;
        }

        var content = File.ReadAllBytes(_pki.File($"{id}.key"));
        if (kind == "dsa-traditional")
        {
            Assert.Contains("BEGIN DSA PRIVATE KEY", System.Text.Encoding.ASCII.GetString(content), StringComparison.Ordinal);
        }

        using var material = Import(new ImportInput("server.key", content, ImportSlot.PrivateKey));

        var key = Assert.Single(material.Keys);
        Assert.Equal((algorithm, bits), (key.Algorithm, key.KeySizeBits));
        var problem = Assert.Single(material.Problems);
        Assert.Equal("import.key-not-rsa", problem.Code);
        Assert.Equal($"server.key holds a private key of type {algorithm} ({bits} bits), not RSA.", problem.Message);
    }

    /// <summary>openssl ecparam -genkey writes EC PARAMETERS before the key: the pair is one EC key, read as before.</summary>
    [Fact]
    public void Import_EcKeyWithEcParametersBlock_ReadsTheKeyWithoutAProblem()
    {
        var id = Guid.NewGuid().ToString("N");
        var content = fixture.Make($"{id}.key", "ecparam", "-name", "prime256v1", "-genkey", "-out", $"{id}.key");
        Assert.Contains("BEGIN EC PARAMETERS", System.Text.Encoding.ASCII.GetString(content), StringComparison.Ordinal);

        using var material = Import(new ImportInput("ec.key", content, ImportSlot.PrivateKey));

        Assert.Empty(material.Problems);
        var key = Assert.Single(material.Keys);
        Assert.Equal(("EC", 256), (key.Algorithm, key.KeySizeBits));
        Assert.Equal(Convert.ToHexString(fixture.PublicKeyOf(_pki.File($"{id}.key"))), Convert.ToHexString(key.SubjectPublicKeyInfo!));
    }

    /// <summary>
    /// A certificate with a DSA, EC, Ed25519 or RSA-PSS key in a PKCS#12 file: read, and refused for install, naming
    /// the algorithm (EC as not allowed by the default settings, which install RSA only).
    /// </summary>
    [Theory]
    [InlineData("dsa", "DSA", "key.not-rsa")]
    [InlineData("ec:prime256v1", "ECDSA", "key.algorithm-not-allowed")]
    [InlineData("ed25519", "Ed25519", "key.not-rsa")]
    [InlineData("rsa-pss", "RSA-PSS", "key.not-rsa")]
    public async Task ImportAndExamine_Pkcs12WithNonRsaCertificate_ReportsNotRsaNamingTheAlgorithm(string keySpec, string algorithm, string code)
    {
        var id = Guid.NewGuid().ToString("N");
        if (keySpec == "dsa")
        {
            _pki.Run("genpkey", "-genparam", "-algorithm", "DSA", "-pkeyopt", "dsa_paramgen_bits:1024", "-out", $"{id}.params");
        }

        string[] generate = keySpec switch
        {
            "dsa" => ["genpkey", "-paramfile", $"{id}.params", "-out", $"{id}.key"],
            "ec:prime256v1" => ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-out", $"{id}.key"],
            "ed25519" => ["genpkey", "-algorithm", "ED25519", "-out", $"{id}.key"],
            _ => ["genpkey", "-algorithm", "RSA-PSS", "-pkeyopt", "rsa_keygen_bits:2048", "-out", $"{id}.key"],
        };
        _pki.Run(generate);
        _pki.Run("req", "-new", "-key", $"{id}.key", "-subj", "/CN=www.example.test", "-out", $"{id}.csr");
        var certificatePem = _pki.SignCsr(File.ReadAllText(_pki.File($"{id}.csr")));
        File.WriteAllText(_pki.File($"{id}.pem"), certificatePem);
        var pfx = fixture.Make($"{id}.p12", "pkcs12", "-export", "-in", $"{id}.pem", "-inkey", $"{id}.key", "-passout", "pass:secret", "-out", $"{id}.p12");
        using var host = CoreTestHost.Create();

        using var material = host.Get<CertificateImporter>().Import([new ImportInput("server.pfx", pfx, ImportSlot.Certificate)], "secret");
        using var examination = await host.Get<ChainDoctor>().ExamineForInstallAsync(material);

        Assert.Single(material.Certificates);
        Assert.Single(material.Keys);
        Assert.DoesNotContain(material.Problems, p => p.Code.StartsWith("import.password", StringComparison.Ordinal) || p.Code == "import.unreadable");
        var notRsa = Assert.Single(examination.Report.Problems, p => p.Code == code);
        Assert.Contains(algorithm, notRsa.Message, StringComparison.Ordinal);
        Assert.False(examination.CanInstall);
    }

    private static ImportedMaterial Import(ImportInput input) => ImportFixture.Importer().Import([input], null);
}
