using System.Runtime.Versioning;
using CertManager.Core.Csr;
using CertManager.Testing;

namespace CertManager.Core.Tests.Csr;

[UnsupportedOSPlatform("windows")]
public sealed class StandaloneCsrGeneratorTests : IDisposable
{
    private readonly TempDirectory _work = new("standalone-csr");

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task GenerateAsync_ValidForm_WritesPkcs8KeyMode0600ThatMatchesTheCsr()
    {
        var keyFile = _work.File("server.key");

        var result = await StandaloneCsrGenerator.GenerateAsync(CsrForms.Full, keyFile);

        Assert.True(result.Succeeded);
        Assert.Equal(keyFile, result.Value.KeyFile);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        var csrPath = OpenSslCsr.WriteCsr(_work, result.Value.Pem);
        Assert.Equal(
            OpenSsl.Run(_work.Path, "pkey", "-in", keyFile, "-pubout").Trim(),
            OpenSsl.Run(_work.Path, "req", "-in", csrPath, "-noout", "-pubkey").Trim());
        Assert.Equal(OpenSslCsr.PublicKeySha256(_work, csrPath), result.Value.PublicKeySha256.Replace(":", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GenerateAsync_InvalidForm_FailsWithValidatorProblemsAndWritesNothing()
    {
        var form = new CsrForm { CommonName = "https://server.example.com/" };

        var result = await StandaloneCsrGenerator.GenerateAsync(form, _work.File("server.key"));

        Assert.False(result.Succeeded);
        Assert.Equal(CsrRequestValidator.Validate(form).Problems, result.Problems);
        Assert.Empty(Directory.GetFiles(_work.Path));
    }

    [Fact]
    public async Task GenerateAsync_KeyFileExists_FailsAndLeavesItUntouched()
    {
        var keyFile = _work.File("server.key");
        File.WriteAllText(keyFile, "earlier key");

        var result = await StandaloneCsrGenerator.GenerateAsync(CsrForms.Full, keyFile);

        Assert.False(result.Succeeded);
        Assert.Equal("csr.key-file-exists", Assert.Single(result.Problems).Code);
        Assert.Equal("earlier key", File.ReadAllText(keyFile));
    }

    [Fact]
    public async Task GenerateAsync_DirectoryMissing_FailsWithKeyFileNotWritten()
    {
        var result = await StandaloneCsrGenerator.GenerateAsync(CsrForms.Full, _work.File("missing/server.key"));

        Assert.False(result.Succeeded);
        Assert.Equal("csr.key-file-not-written", Assert.Single(result.Problems).Code);
    }
}
