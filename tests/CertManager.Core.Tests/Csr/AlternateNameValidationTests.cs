using CertManager.Core.Csr;
using CertManager.Core.Details;
using CertManager.Core.Results;

namespace CertManager.Core.Tests.Csr;

public sealed class AlternateNameValidationTests
{
    [Fact]
    public void Validate_AlternateNames_CommonNameFirstThenEntriesInOrder()
    {
        var result = CsrRequestValidator.Validate(CsrForms.Full with { AlternateNames = ["www.example.com", "192.168.1.10", "fd00::1", "*.apps.example.com"] });

        Assert.Equal(
            [
                new SubjectAlternativeName(AlternativeNameKind.Dns, "server.example.com"),
                new SubjectAlternativeName(AlternativeNameKind.Dns, "www.example.com"),
                new SubjectAlternativeName(AlternativeNameKind.IpAddress, "192.168.1.10"),
                new SubjectAlternativeName(AlternativeNameKind.IpAddress, "fd00::1"),
                new SubjectAlternativeName(AlternativeNameKind.Dns, "*.apps.example.com"),
            ],
            result.Value.AlternateNames);
    }

    [Fact]
    public void Validate_NoAlternateNames_CommonNameIsTheOnlyOne()
    {
        var result = CsrRequestValidator.Validate(CsrForms.Minimal());

        Assert.Equal([new SubjectAlternativeName(AlternativeNameKind.Dns, "server.example.com")], result.Value.AlternateNames);
    }

    [Fact]
    public void Validate_CommonNameRepeatedInAnyCase_DroppedSilently()
    {
        var result = CsrRequestValidator.Validate(CsrForms.Minimal() with { AlternateNames = ["SERVER.example.com", "server.example.com"] });

        Assert.Single(result.Value.AlternateNames);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Validate_DuplicateEntriesIgnoringCase_KeptOnceWithInfo()
    {
        var result = CsrRequestValidator.Validate(CsrForms.Minimal() with { AlternateNames = ["www.example.com", "WWW.Example.com", "2001:db8::1", "2001:DB8:0::1"] });

        Assert.Equal(["server.example.com", "www.example.com", "2001:db8::1"], result.Value.AlternateNames.Select(n => n.Value));
        Assert.Equal(["csr.alternate-name-duplicate", "csr.alternate-name-ip-address", "csr.alternate-name-duplicate"], result.Codes());
        Assert.Single(result.Problems, p => p.Code == "csr.alternate-name-ip-address");
    }

    [Fact]
    public void Validate_BlankEntries_Ignored()
    {
        var result = CsrRequestValidator.Validate(CsrForms.Minimal() with { AlternateNames = ["", "  ", "www.example.com"] });

        Assert.Equal(2, result.Value.AlternateNames.Count);
        Assert.Empty(result.Problems);
    }

    [Theory]
    [InlineData("192.168.1.10", "192.168.1.10")]
    [InlineData("10.0.0.1", "10.0.0.1")]
    [InlineData("::1", "::1")]
    [InlineData("FD00:0:0:0:0:0:0:1", "fd00::1")]
    [InlineData("2001:db8::8a2e:370:7334", "2001:db8::8a2e:370:7334")]
    public void Validate_IpAddressEntry_IpSanWithLanWarning(string entered, string expected)
    {
        var result = CsrRequestValidator.Validate(CsrForms.Minimal() with { AlternateNames = [entered] });

        Assert.True(result.Succeeded);
        Assert.Equal(new SubjectAlternativeName(AlternativeNameKind.IpAddress, expected), result.Value.AlternateNames[1]);
        var warning = Assert.Single(result.Problems);
        Assert.Equal("csr.alternate-name-ip-address", warning.Code);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Contains("LAN", warning.Message);
    }

    [Theory]
    [InlineData("*.example.com", "*.example.com")]
    [InlineData("bücher.example", "xn--bcher-kva.example")]
    [InlineData("Mail.Example.com", "mail.example.com")]
    public void Validate_DnsEntry_Accepted(string entered, string expected)
    {
        var result = CsrRequestValidator.Validate(CsrForms.Minimal() with { AlternateNames = [entered] });

        Assert.True(result.Succeeded);
        Assert.Equal(new SubjectAlternativeName(AlternativeNameKind.Dns, expected), result.Value.AlternateNames[1]);
    }

    [Fact]
    public void Validate_InternationalizedEntry_ConversionReported()
    {
        var result = CsrRequestValidator.Validate(CsrForms.Minimal() with { AlternateNames = ["bücher.example"] });

        Assert.Equal(["csr.alternate-name-converted"], result.Codes());
    }

    [Fact]
    public void Validate_ShortHostNameEntry_WarnsNotFullyQualified()
    {
        var result = CsrRequestValidator.Validate(CsrForms.Minimal() with { AlternateNames = ["server"] });

        Assert.True(result.Succeeded);
        Assert.Equal(["csr.alternate-name-not-fully-qualified"], result.Codes());
    }

    [Theory]
    [InlineData("10.1", "csr.alternate-name-ip-address-invalid")]
    [InlineData("192.168.1.256", "csr.alternate-name-ip-address-invalid")]
    [InlineData("01.2.3.4", "csr.alternate-name-ip-address-invalid")]
    [InlineData("1.2.3.4.5", "csr.alternate-name-ip-address-invalid")]
    [InlineData("2001:db8:::1", "csr.alternate-name-ip-address-invalid")]
    [InlineData("[::1]:443", "csr.alternate-name-port")]
    [InlineData("www.example.com:443", "csr.alternate-name-port")]
    [InlineData("http://www.example.com", "csr.alternate-name-url")]
    [InlineData("www.example.com, mail.example.com", "csr.alternate-name-contains-space")]
    [InlineData("www.example.com.", "csr.alternate-name-trailing-dot")]
    [InlineData("www.*.example.com", "csr.alternate-name-wildcard-misplaced")]
    [InlineData("_acme.example.com", "csr.alternate-name-invalid-characters")]
    public void Validate_InvalidEntry_RejectedWithCode(string entered, string code)
    {
        var result = CsrRequestValidator.Validate(CsrForms.Minimal() with { AlternateNames = [entered] });

        Assert.False(result.Succeeded);
        Assert.Equal([code], result.ErrorCodes());
    }

    [Fact]
    public void Validate_InvalidEntry_MessageNamesPositionAndValue()
    {
        var result = CsrRequestValidator.Validate(CsrForms.Minimal() with { AlternateNames = ["www.example.com", "bad name.example.com"] });

        var error = Assert.Single(result.Problems, p => p.Severity == Severity.Error);
        Assert.StartsWith("Alternate name #2 'bad name.example.com'", error.Message);
    }

    [Fact]
    public void Validate_SeveralInvalidEntries_EachReported()
    {
        var result = CsrRequestValidator.Validate(CsrForms.Minimal() with { AlternateNames = ["a b", "ok.example.com", "x:1"] });

        Assert.Equal(["csr.alternate-name-contains-space", "csr.alternate-name-port"], result.ErrorCodes());
    }
}
