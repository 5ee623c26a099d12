using CertManager.Scep.Transport;

namespace CertManager.Scep.Tests.Transport;

public sealed class ScepEndpointTests
{
    [Theory]
    [InlineData("ndes.example.com", null, "http://ndes.example.com/certsrv/mscep/mscep.dll")]
    [InlineData("10.0.0.5:8080", "/scep", "http://10.0.0.5:8080/scep")]
    [InlineData("https://ca.example.com", "scep", "https://ca.example.com/scep")]
    [InlineData("[::1]:8443", "/scep", "http://[::1]:8443/scep")]
    public void TryCreate_AddressAndPath_BuildsTheUrl(string address, string? path, string expected)
    {
        var endpoint = ScepEndpoint.TryCreate(address, path, out var reason);

        Assert.Null(reason);
        Assert.Equal(expected, endpoint!.Url.ToString());
    }

    [Fact]
    public void Operation_PkiMessage_IsUrlEncoded()
    {
        var endpoint = ScepEndpoint.TryParse("http://ca.example.com/scep", out _)!;

        Assert.Equal("http://ca.example.com/scep?operation=PKIOperation&message=a%2Bb%2F%3D", endpoint.Operation("PKIOperation", "a+b/=").ToString());
    }
}
