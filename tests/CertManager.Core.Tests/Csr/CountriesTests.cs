using CertManager.Core.Csr;

namespace CertManager.Core.Tests.Csr;

public sealed class CountriesTests
{
    [Fact]
    public void All_IsoList_HasEveryAlpha2CodeOnceInOrder()
    {
        var codes = Countries.All.Select(c => c.Code).ToList();

        Assert.Equal(249, codes.Count);
        Assert.Equal(codes.Distinct().Count(), codes.Count);
        Assert.All(codes, code => Assert.Matches("^[A-Z]{2}$", code));
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
    }

    [Theory]
    [InlineData("CA", "Canada")]
    [InlineData("ca", "Canada")]
    [InlineData("GB", "United Kingdom")]
    [InlineData("CI", "Côte d'Ivoire")]
    public void Find_KnownCodeAnyCase_ReturnsCountry(string code, string name)
    {
        Assert.Equal(name, Countries.Find(code)?.Name);
    }

    [Theory]
    [InlineData("UK")]
    [InlineData("XX")]
    [InlineData("CAN")]
    [InlineData("")]
    [InlineData(null)]
    public void Find_UnknownCode_ReturnsNull(string? code)
    {
        Assert.Null(Countries.Find(code));
    }

    [Fact]
    public void Search_ExactCode_RanksFirst()
    {
        Assert.Equal("DE", Countries.Search("de")[0].Code);
    }

    [Theory]
    [InlineData("germ", "DE")]
    [InlineData("cote", "CI")]
    [InlineData("south korea", "KR")]
    [InlineData("kingdom", "GB")]
    public void Search_PartOfNameIgnoringCaseAndAccents_FindsCountry(string text, string code)
    {
        Assert.Contains(Countries.Search(text), c => c.Code == code);
    }

    [Fact]
    public void Search_Blank_ReturnsAll()
    {
        Assert.Equal(249, Countries.Search(" ").Count);
    }

    [Fact]
    public void Search_NoMatch_ReturnsEmpty()
    {
        Assert.Empty(Countries.Search("atlantis"));
    }
}
