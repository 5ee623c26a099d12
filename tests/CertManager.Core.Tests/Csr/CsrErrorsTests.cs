using CertManager.Core.Csr;
using CertManager.Core.Results;

namespace CertManager.Core.Tests.Csr;

public sealed class CsrErrorsTests
{
    [Theory]
    [InlineData("csr.country-invalid", CsrField.Country)]
    [InlineData("csr.state-all-capitals", CsrField.State)]
    [InlineData("csr.locality-abbreviated", CsrField.Locality)]
    [InlineData("csr.organization-too-long", CsrField.Organization)]
    [InlineData("csr.organizational-unit-too-long", CsrField.OrganizationalUnit)]
    [InlineData("csr.common-name-port", CsrField.CommonName)]
    [InlineData("csr.alternate-name-ip-address", CsrField.AlternateNames)]
    [InlineData("csr.key-size-invalid", CsrField.KeySize)]
    [InlineData("csr.hash-invalid", CsrField.Hash)]
    public void FieldOf_FieldCode_ReturnsField(string code, CsrField field)
    {
        Assert.Equal(field, CsrErrors.FieldOf(Problem.Error(code, "m", "f")));
    }

    [Theory]
    [InlineData("csr.pending-not-found")]
    [InlineData("account.disabled")]
    public void FieldOf_OtherCode_ReturnsNull(string code)
    {
        Assert.Null(CsrErrors.FieldOf(Problem.Error(code, "m", "f")));
    }

    [Fact]
    public void FieldOf_EveryValidationProblem_BelongsToAField()
    {
        var result = CsrRequestValidator.Validate(new CsrForm
        {
            Country = "XX",
            State = "ON",
            Locality = new string('a', 129),
            Organization = "Example\tInc.",
            OrganizationalUnit = new string('u', 65),
            CommonName = "bad name",
            AlternateNames = ["x:1"],
            KeySize = 1024,
            Hash = (CsrHashAlgorithm)7,
        });

        Assert.Equal(9, result.Problems.Count);
        Assert.All(result.Problems, p => Assert.NotNull(CsrErrors.FieldOf(p)));
        Assert.Equal(Enum.GetValues<CsrField>(), result.Problems.Select(p => CsrErrors.FieldOf(p)!.Value).Distinct().Order());
    }
}
