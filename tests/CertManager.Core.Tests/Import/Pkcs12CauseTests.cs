using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Import;
using CertManager.Core.Results;
using CertManager.Testing;

namespace CertManager.Core.Tests.Import;

/// <summary>
/// PKCS#12 files in every cipher and MAC openssl writes, and damaged ones: each is read, or refused with its true cause
/// (the cipher, the password as the MAC or the padding proves, the iteration count it really asks for, or damage).
/// </summary>
public sealed class Pkcs12CauseTests(ImportFixture fixture) : IClassFixture<ImportFixture>
{
    private const string Password = "secret";

    private readonly TestPki _pki = fixture.Pki;

    /// <summary>Ciphers the platform loader does not read but BouncyCastle does; openssl 3 writes them with -legacy.</summary>
    [Theory]
    [InlineData("BF-CBC", "sha256")]
    [InlineData("CAST5-CBC", "sha256")]
    [InlineData("RC4", "sha1")]
    [InlineData("AES-256-CFB", "sha512")]
    [InlineData("AES-128-ECB", "sha384")]
    [InlineData("PBE-SHA1-RC4-128", "sha1")]
    [InlineData("PBE-SHA1-2DES", "sha256")]
    public void Import_Pkcs12WithLegacyCipher_ReadsCertificatesAndKey(string cipher, string macAlgorithm)
    {
        var pfx = Export("-legacy", "-certpbe", cipher, "-keypbe", cipher, "-macalg", macAlgorithm);

        using var material = Import(pfx, Password);

        Assert.Empty(material.Problems);
        Assert.Equal(2, material.Certificates.Count);
        AssertLeafKey(Assert.Single(material.Keys));
    }

    [Fact]
    public void Import_Pkcs12WithCipherBouncyCastleCannotRead_NamesTheCipher()
    {
        var pfx = Export("-legacy", "-certpbe", "SM4-CBC", "-keypbe", "SM4-CBC");

        using var material = Import(pfx, Password);

        var problem = Assert.Single(material.Problems);
        Assert.Equal("import.encryption-unsupported", problem.Code);
        Assert.Equal("server.pfx uses an encryption (SM4-CBC) we cannot read.", problem.Message);
        Assert.Contains("AES", problem.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("BF-CBC")]
    [InlineData("AES-256-CFB")]
    public void Import_Pkcs12WithMacAndWrongPassword_ReportsThePasswordAsTheMacProves(string cipher)
    {
        var pfx = Export("-legacy", "-certpbe", cipher, "-keypbe", cipher);

        using var material = Import(pfx, "wrong");

        Assert.Equal("import.password-incorrect", Assert.Single(material.Problems).Code);
    }

    /// <summary>Without a MAC only the padding can prove the password wrong: RC4 has none, so the cause stays open.</summary>
    [Fact]
    public void Import_Pkcs12WithoutMacInStreamCipherAndWrongPassword_SaysPasswordOrDamage()
    {
        var pfx = Export("-legacy", "-nomac", "-certpbe", "RC4", "-keypbe", "RC4");

        using var material = Import(pfx, "wrong");

        var problem = Assert.Single(material.Problems);
        Assert.Equal("import.password-or-damage", problem.Code);
        Assert.Contains("or the file is damaged", problem.Message, StringComparison.Ordinal);
    }

    /// <summary>With a block cipher and no MAC, openssl's verdict is the referee: "bad decrypt" is the padding, which proves the password.</summary>
    [Fact]
    public void Import_Pkcs12WithoutMacInBlockCipherAndWrongPassword_AgreesWithOpenSslOnTheCause()
    {
        var pfx = Export("-nomac");
        var path = _pki.File($"{Guid.NewGuid():N}.p12");
        File.WriteAllBytes(path, pfx);
        var openssl = OpenSsl.TryRun(_pki.Directory, "pkcs12", "-in", path, "-passin", "pass:wrong", "-nomacver", "-nodes", "-out", "/dev/null");
        Assert.NotEqual(0, openssl.ExitCode);

        using var material = Import(pfx, "wrong");

        var expected = openssl.StandardError.Contains("bad decrypt", StringComparison.Ordinal) ? "import.password-incorrect" : "import.password-or-damage";
        Assert.Equal(expected, Assert.Single(material.Problems).Code);
    }

    [Fact]
    public void Import_Pkcs12WithPbmac1_ReadsItAndItsMacProvesAWrongPassword()
    {
        var pfx = Pkcs12Forge.WithPbmac1(Export("-nomac"), Password);

        using (var material = Import(pfx, Password))
        {
            Assert.Empty(material.Problems);
            AssertLeafKey(Assert.Single(material.Keys));
        }

        using var wrong = Import(pfx, "wrong");
        Assert.Equal("import.password-incorrect", Assert.Single(wrong.Problems).Code);
    }

    /// <summary>A 2,048-iteration legacy file is well under the default limit; over a lower limit the message names the real count.</summary>
    [Fact]
    public void Import_LegacyPkcs12With2048Iterations_ImportsAndTheGuardNamesTheRealCount()
    {
        var pfx = Export("-legacy", "-iter", "2048");

        using (var material = Import(pfx, Password))
        {
            Assert.Empty(material.Problems);
            AssertLeafKey(Assert.Single(material.Keys));
        }

        using var limited = ImportFixture.Importer(new ImportOptions { MaxKdfIterations = 1000 }).Import([new ImportInput("server.pfx", pfx, ImportSlot.Certificate)], Password);
        Assert.Equal("server.pfx asks for 2,048 key-derivation iterations; the most accepted is 1,000.", Assert.Single(limited.Problems).Message);
    }

    /// <summary>-nomaciter leaves the MAC at one iteration: the guard must read the bags' own count.</summary>
    [Fact]
    public void Import_Pkcs12WhoseBagsAskForMoreThanTheMac_ReportsTheBagsCount()
    {
        var pfx = Export("-nomaciter", "-iter", "3000");

        using var material = ImportFixture.Importer(new ImportOptions { MaxKdfIterations = 2000 }).Import([new ImportInput("server.pfx", pfx, ImportSlot.Certificate)], Password);

        var problem = Assert.Single(material.Problems);
        Assert.Equal("import.kdf-iterations-too-high", problem.Code);
        Assert.Contains("3,000", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("truncated", null)]
    [InlineData("truncated", Password)]
    [InlineData("garbage-after-header", null)]
    [InlineData("garbage-after-header", Password)]
    [InlineData("bag-tag-damaged", Password)]
    public void Import_DamagedPkcs12_ReportsDamageNeverThePasswordNorAKey(string damage, string? password)
    {
        var pfx = Export("-nomac");
        var damaged = damage switch
        {
            "truncated" => pfx[..(pfx.Length / 2)],
            "garbage-after-header" => [.. pfx[..40], .. RandomNumberGenerator.GetBytes(600)],
            _ => DamageFirstBagTag(pfx),
        };

        using var material = Import(damaged, password);

        Assert.Empty(material.Keys);
        var problem = Assert.Single(material.Problems);
        Assert.Equal("import.unreadable", problem.Code);
        Assert.Contains("PKCS#12", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_OldNssPkcs12WithNulTerminatedKeyPassword_ReadsItAndSaysSo()
    {
        var longPassword = new string('n', 70);
        var pfx = Pkcs12Forge.NssStyle(LeafDer(), LeafPkcs8(), longPassword, longPassword + "\0");

        using var material = Import(pfx, longPassword);

        AssertLeafKey(Assert.Single(material.Keys));
        var note = Assert.Single(material.Problems);
        Assert.Equal(("import.pkcs12-nss-password", Severity.Info), (note.Code, note.Severity));
    }

    [Fact]
    public void Import_Pkcs12WhoseMacAcceptsThePasswordButKeyDoesNotDecrypt_ExplainsTheBrokenFile()
    {
        var pfx = Pkcs12Forge.NssStyle(LeafDer(), LeafPkcs8(), Password, "another password");

        using var material = Import(pfx, Password);

        Assert.Empty(material.Keys);
        var problem = Assert.Single(material.Problems);
        Assert.Equal("import.pkcs12-inconsistent", problem.Code);
        Assert.Contains("NSS", problem.Message, StringComparison.Ordinal);
    }

    private byte[] Export(params string[] options)
    {
        var output = $"{Guid.NewGuid():N}.p12";
        return fixture.Make(output, ["pkcs12", "-export", "-in", fixture.LeafPath, "-inkey", fixture.KeyPath, "-certfile", _pki.IntermediatePath, "-passout", $"pass:{Password}", "-out", output, .. options]);
    }

    private byte[] LeafDer() => X509CertificateLoader.LoadCertificateFromFile(fixture.LeafPath).RawData;

    private byte[] LeafPkcs8() => PemEncoding.Find(File.ReadAllText(fixture.KeyPath)) is var pem
        ? Convert.FromBase64String(File.ReadAllText(fixture.KeyPath)[pem.Base64Data])
        : [];

    /// <summary>The first SafeBag's bagId OID (1.2.840.113549.1.12.10.1.x) turned into an INTEGER: the bag list no longer parses.</summary>
    private static byte[] DamageFirstBagTag(byte[] pfx)
    {
        byte[] bagIdPrefix = [0x06, 0x0B, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x0C, 0x0A, 0x01];
        var at = pfx.AsSpan().IndexOf(bagIdPrefix);
        Assert.True(at > 0);
        var damaged = pfx.ToArray();
        damaged[at] = 0x02;
        return damaged;
    }

    private static ImportedMaterial Import(byte[] pfx, string? password) =>
        ImportFixture.Importer().Import([new ImportInput("server.pfx", pfx, ImportSlot.Certificate)], password);

    private void AssertLeafKey(ImportedKey key)
    {
        Assert.Equal("RSA", key.Algorithm);
        Assert.Equal(Convert.ToHexString(fixture.PublicKeyOf(fixture.KeyPath)), Convert.ToHexString(key.SubjectPublicKeyInfo!));
    }
}
