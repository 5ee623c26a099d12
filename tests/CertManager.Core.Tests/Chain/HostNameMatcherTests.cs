using CertManager.Core.Chain;
using CertManager.Core.Details;

namespace CertManager.Core.Tests.Chain;

/// <summary>Host names as browsers match them: subjectAltName only, IPs as addresses written canonically, IDNs as A-labels.</summary>
public sealed class HostNameMatcherTests
{
    private static readonly IReadOnlyList<SubjectAlternativeName> Names =
    [
        new(AlternativeNameKind.Dns, "www.example.test"),
        new(AlternativeNameKind.Dns, "*.apps.example.test"),
        new(AlternativeNameKind.Dns, "xn--bcher-kva.example"),
        new(AlternativeNameKind.IpAddress, "192.0.2.1"),
        new(AlternativeNameKind.IpAddress, "2001:db8::1"),
    ];

    [Theory]
    [InlineData("www.example.test")]
    [InlineData("WWW.Example.Test.")]
    [InlineData("shop.apps.example.test")]
    [InlineData("bücher.example")]
    [InlineData("XN--BCHER-KVA.example")]
    [InlineData("192.0.2.1")]
    [InlineData("2001:0db8:0:0::1")]
    [InlineData("[2001:db8::1]")]
    public void Covers_NameAmongTheAlternateNames_IsCovered(string host) =>
        Assert.True(HostNameMatcher.Covers(Names, HostNameMatcher.Parse(host, out var error) ?? throw new InvalidOperationException(error)));

    [Theory]
    [InlineData("example.test")]
    [InlineData("a.b.apps.example.test")]
    [InlineData("apps.example.test")]
    [InlineData("192.0.2.2")]
    [InlineData("bucher.example")]
    public void Covers_NameNotAmongTheAlternateNames_IsNotCovered(string host) =>
        Assert.False(HostNameMatcher.Covers(Names, HostNameMatcher.Parse(host, out var error) ?? throw new InvalidOperationException(error)));

    [Theory]
    [InlineData("192.000.2.1")]
    [InlineData("0xC0.0.2.1")]
    [InlineData("3221225985")]
    [InlineData("192.2.1")]
    [InlineData("0300.0.2.1")]
    [InlineData("256.0.2.1")]
    public void Parse_IpAddressInANonCanonicalForm_IsRefused(string host)
    {
        Assert.Null(HostNameMatcher.Parse(host, out var error));
        Assert.Contains("IPv4", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Covers_CommonNameOnly_NeverMatches()
    {
        var host = HostNameMatcher.Parse("www.example.test", out _)!;

        Assert.False(HostNameMatcher.Covers([], host));
    }
}
