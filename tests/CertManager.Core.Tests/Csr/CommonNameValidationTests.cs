using CertManager.Core.Csr;
using CertManager.Core.Details;
using CertManager.Core.Results;

namespace CertManager.Core.Tests.Csr;

public sealed class CommonNameValidationTests
{
    private static readonly string Label63 = new('a', 63);

    [Theory]
    [InlineData("server.example.com", "server.example.com")]
    [InlineData("  server.example.com  ", "server.example.com")]
    [InlineData("WWW.Example.COM", "www.example.com")]
    [InlineData("web-01.example.com", "web-01.example.com")]
    [InlineData("*.example.com", "*.example.com")]
    [InlineData("*.Apps.Example.com", "*.apps.example.com")]
    [InlineData("xn--bcher-kva.example", "xn--bcher-kva.example")]
    [InlineData("123.example.com", "123.example.com")]
    public void Validate_ValidCommonName_AcceptedLowerCased(string entered, string expected)
    {
        var result = CsrRequestValidator.Validate(CsrForms.Minimal(entered));

        Assert.True(result.Succeeded, string.Join("; ", result.Codes()));
        Assert.Empty(result.Problems);
        Assert.Equal(expected, result.Value.CommonName);
        Assert.Equal(new SubjectAlternativeName(AlternativeNameKind.Dns, expected), result.Value.AlternateNames[0]);
    }

    [Fact]
    public void Validate_LabelOf63Characters_Accepted()
    {
        var result = CsrRequestValidator.Validate(CsrForms.Minimal() with { AlternateNames = [$"{Label63}.example.com"] });

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_CommonNameOf64Characters_Accepted()
    {
        var name = new string('a', 52) + ".example.com";

        Assert.Equal(64, name.Length);
        Assert.True(CsrRequestValidator.Validate(CsrForms.Minimal(name)).Succeeded);
    }

    [Theory]
    [InlineData("", "csr.common-name-required")]
    [InlineData("   ", "csr.common-name-required")]
    [InlineData("my server.example.com", "csr.common-name-contains-space")]
    [InlineData("https://server.example.com", "csr.common-name-url")]
    [InlineData("server.example.com/login", "csr.common-name-url")]
    [InlineData("server.example.com:8443", "csr.common-name-port")]
    [InlineData("server.example.com.", "csr.common-name-trailing-dot")]
    [InlineData("server..example.com", "csr.common-name-empty-label")]
    [InlineData(".example.com", "csr.common-name-empty-label")]
    [InlineData("under_score.example.com", "csr.common-name-invalid-characters")]
    [InlineData("exa$mple.com", "csr.common-name-invalid-characters")]
    [InlineData("-web.example.com", "csr.common-name-label-hyphen")]
    [InlineData("web-.example.com", "csr.common-name-label-hyphen")]
    [InlineData("*", "csr.common-name-wildcard-misplaced")]
    [InlineData("www.*.example.com", "csr.common-name-wildcard-misplaced")]
    [InlineData("*.*.example.com", "csr.common-name-wildcard-misplaced")]
    [InlineData("w*.example.com", "csr.common-name-wildcard-misplaced")]
    [InlineData("*example.com", "csr.common-name-wildcard-misplaced")]
    [InlineData("*.com", "csr.common-name-wildcard-too-broad")]
    [InlineData("192.168.1.10", "csr.common-name-ip-address")]
    [InlineData("::1", "csr.common-name-ip-address")]
    [InlineData("999.1.1.1", "csr.common-name-ip-address-invalid")]
    [InlineData("xn--a.example", "csr.common-name-idn-invalid")]
    public void Validate_InvalidCommonName_RejectedWithCode(string entered, string code)
    {
        var result = CsrRequestValidator.Validate(CsrForms.Minimal(entered));

        Assert.False(result.Succeeded);
        Assert.Equal([code], result.ErrorCodes());
        Assert.All(result.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Fix)));
    }

    [Fact]
    public void Validate_LabelOf64Characters_LabelTooLong()
    {
        var result = CsrRequestValidator.Validate(CsrForms.Minimal($"{Label63}a.example.com"));

        Assert.Equal(["csr.common-name-label-too-long"], result.ErrorCodes());
    }

    [Fact]
    public void Validate_CommonNameOf65Characters_TooLongWithAlternateNameAdvice()
    {
        var name = new string('a', 53) + ".example.com";

        var result = CsrRequestValidator.Validate(CsrForms.Minimal(name));

        var problem = Assert.Single(result.Problems);
        Assert.Equal("csr.common-name-too-long", problem.Code);
        Assert.Contains("alternate name", problem.Fix);
    }

    [Fact]
    public void Validate_NameOver253Characters_NameTooLong()
    {
        var name = string.Join('.', Enumerable.Repeat(Label63, 4));

        Assert.Equal(255, name.Length);
        Assert.Equal(["csr.common-name-name-too-long"], CsrRequestValidator.Validate(CsrForms.Minimal(name)).ErrorCodes());
    }

    [Theory]
    [InlineData("bücher.example", "xn--bcher-kva.example")]
    [InlineData("Bücher.Example", "xn--bcher-kva.example")]
    [InlineData("*.münchen.example", "*.xn--mnchen-3ya.example")]
    [InlineData("例え.テスト", "xn--r8jz45g.xn--zckzah")]
    public void Validate_InternationalizedCommonName_ConvertedToALabelWithInfo(string entered, string encoded)
    {
        var result = CsrRequestValidator.Validate(CsrForms.Minimal(entered));

        Assert.True(result.Succeeded);
        Assert.Equal(encoded, result.Value.CommonName);
        var info = Assert.Single(result.Problems);
        Assert.Equal("csr.common-name-converted", info.Code);
        Assert.Equal(Severity.Info, info.Severity);
        Assert.Contains(encoded, info.Message);
        Assert.Equal(entered, result.Value.Form.CommonName);
    }

    [Fact]
    public void Validate_SingleLabelCommonName_WarnsNotFullyQualified()
    {
        var result = CsrRequestValidator.Validate(CsrForms.Minimal("intranet"));

        Assert.True(result.Succeeded);
        Assert.Equal(["csr.common-name-not-fully-qualified"], result.Codes());
        Assert.Equal(Severity.Warning, result.Problems[0].Severity);
    }

    [Fact]
    public void Validate_InvalidCommonName_MessageQuotesTheValue()
    {
        var result = CsrRequestValidator.Validate(CsrForms.Minimal("https://server.example.com"));

        Assert.Contains("'https://server.example.com'", result.Problems[0].Message);
    }
}
