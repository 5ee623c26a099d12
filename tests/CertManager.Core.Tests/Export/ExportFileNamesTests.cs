using CertManager.Core.Export;

namespace CertManager.Core.Tests.Export;

public sealed class ExportFileNamesTests
{
    [Theory]
    [InlineData("www.example.com", "www.example.com")]
    [InlineData("*.example.com", "wildcard.example.com")]
    [InlineData("  shop.example.com ", "shop.example.com")]
    [InlineData("a/b\\c:d*e?f\"g<h>i|j", "a_b_c_d_e_f_g_h_i_j")]
    [InlineData("Example Corp Server", "Example_Corp_Server")]
    [InlineData("trailing.dot.", "trailing.dot")]
    [InlineData("CON", "_CON")]
    [InlineData("nul.example.com", "_nul.example.com")]
    [InlineData("com1", "_com1")]
    [InlineData("console", "console")]
    [InlineData("", "certificate")]
    [InlineData(null, "certificate")]
    [InlineData("***", "certificate")]
    [InlineData("..", "certificate")]
    [InlineData("ünïcode.example", "_n_code.example")]
    public void From_CertificateName_SafeBaseName(string? certificateName, string expected)
    {
        Assert.Equal(expected, ExportFileNames.From(certificateName).BaseName);
    }

    [Fact]
    public void From_VeryLongName_Truncated()
    {
        var names = ExportFileNames.From(new string('a', 300) + ".example.com");

        Assert.Equal(100, names.BaseName.Length);
    }

    [Fact]
    public void For_EachFormat_NamesTheDownload()
    {
        var names = ExportFileNames.From("*.example.com");

        Assert.Equal("wildcard.example.com.zip", names.For(ExportFormat.Zip));
        Assert.Equal("wildcard.example.com.pfx", names.For(ExportFormat.Pfx));
        Assert.Equal("wildcard.example.com.certificate-and-chain.zip", names.For(ExportFormat.PublicPem));
        Assert.Equal("wildcard.example.com.key", names.PrivateKey);
    }
}
