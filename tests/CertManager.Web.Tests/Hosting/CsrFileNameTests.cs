using CertManager.Core.Details;
using CertManager.Web.Hosting;

namespace CertManager.Web.Tests.Hosting;

public sealed class CsrFileNameTests
{
    [Theory]
    [InlineData("server.example.com", "server.example.com.csr")]
    [InlineData("*.example.com", "wildcard.example.com.csr")]
    [InlineData("xn--bcher-kva.example", "xn--bcher-kva.example.csr")]
    public void FromCommonName_ValidatedName_GivesAFileNameEverySystemAccepts(string commonName, string expected) =>
        Assert.Equal(expected, CsrFileName.FromCommonName(commonName));

    [Fact]
    public void For_AlternateNames_UsesTheFirstDnsNameWhichIsTheCommonName()
    {
        SubjectAlternativeName[] names =
        [
            new(AlternativeNameKind.IpAddress, "192.168.1.10"),
            new(AlternativeNameKind.Dns, "*.example.com"),
            new(AlternativeNameKind.Dns, "example.com"),
        ];

        Assert.Equal("wildcard.example.com.csr", CsrFileName.For(7, names));
    }

    [Fact]
    public void For_NoDnsName_FallsBackToTheRequestNumber() =>
        Assert.Equal("request-7.csr", CsrFileName.For(7, []));

    [Fact]
    public void FromCommonName_UnexpectedCharacters_AreReplaced() =>
        Assert.Equal("a_b.example.csr", CsrFileName.FromCommonName("a/b.example"));
}
