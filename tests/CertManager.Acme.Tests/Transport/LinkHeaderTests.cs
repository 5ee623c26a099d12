using CertManager.Acme.Transport;

namespace CertManager.Acme.Tests.Transport;

public sealed class LinkHeaderTests
{
    [Fact]
    public void Parse_SeveralLinksInOneAndInSeparateHeaders_ReturnsEachWithItsRelationResolvedAgainstTheRequest()
    {
        var links = LinkHeader.Parse(
            ["<https://ca.example/cert/1/1>;rel=\"alternate\", </dir>; rel=index", "<https://ca.example/cert/1/2>;rel=\"alternate\""],
            new Uri("https://ca.example/cert/1")).ToList();

        Assert.Equal(
            [new LinkHeader(new Uri("https://ca.example/cert/1/1"), "alternate"), new LinkHeader(new Uri("https://ca.example/dir"), "index"), new LinkHeader(new Uri("https://ca.example/cert/1/2"), "alternate")],
            links);
    }
}
