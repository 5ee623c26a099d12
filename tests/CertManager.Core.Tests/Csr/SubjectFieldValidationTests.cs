using CertManager.Core.Csr;
using CertManager.Core.Results;

namespace CertManager.Core.Tests.Csr;

public sealed class SubjectFieldValidationTests
{
    [Theory]
    [InlineData("CA", "CA")]
    [InlineData("ca", "CA")]
    [InlineData(" de ", "DE")]
    [InlineData("gb", "GB")]
    [InlineData("Ax", "AX")]
    public void Validate_RealCountryCode_AcceptedUpperCased(string entered, string expected)
    {
        var result = CsrRequestValidator.Validate(CsrForms.Minimal() with { Country = entered });

        Assert.True(result.Succeeded);
        Assert.Equal(expected, result.Value.Country);
        Assert.StartsWith($"C={expected}, ", result.Value.Subject);
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("UK")]
    [InlineData("CAN")]
    [InlineData("C")]
    [InlineData("1A")]
    [InlineData("Canada")]
    public void Validate_NotAnIsoCountryCode_CountryInvalid(string entered)
    {
        var result = CsrRequestValidator.Validate(CsrForms.Minimal() with { Country = entered });

        Assert.False(result.Succeeded);
        Assert.Equal(["csr.country-invalid"], result.Codes());
    }

    [Fact]
    public void Validate_CountryGivenByName_FixNamesTheCode()
    {
        var result = CsrRequestValidator.Validate(CsrForms.Minimal() with { Country = "Canada" });

        Assert.Contains("CA for Canada", Assert.Single(result.Problems).Fix);
    }

    [Fact]
    public void Validate_BlankSubjectFields_LeftOutOfSubject()
    {
        var result = CsrRequestValidator.Validate(new CsrForm { Country = " ", State = "", CommonName = "server.example.com" });

        Assert.True(result.Succeeded);
        Assert.Equal("CN=server.example.com", result.Value.Subject);
        Assert.Null(result.Value.Country);
        Assert.Null(result.Value.State);
    }

    [Theory]
    [InlineData("Ontario")]
    [InlineData("New South Wales")]
    [InlineData("Île-de-France")]
    [InlineData("Baden-Württemberg")]
    public void Validate_SpelledOutState_NoProblems(string state)
    {
        var result = CsrRequestValidator.Validate(CsrForms.Minimal() with { State = state });

        Assert.True(result.Succeeded);
        Assert.Empty(result.Problems);
    }

    [Theory]
    [InlineData("ONTARIO", "csr.state-all-capitals")]
    [InlineData("NEW YORK", "csr.state-all-capitals")]
    [InlineData("ON", "csr.state-abbreviated")]
    [InlineData("on", "csr.state-abbreviated")]
    [InlineData("Ca", "csr.state-abbreviated")]
    [InlineData("NSW", "csr.state-abbreviated")]
    [InlineData("N.Y.", "csr.state-abbreviated")]
    public void Validate_StateCapitalsOrAbbreviation_WarnsButSucceeds(string state, string code)
    {
        var result = CsrRequestValidator.Validate(CsrForms.Minimal() with { State = state });

        Assert.True(result.Succeeded);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(code, problem.Code);
        Assert.Equal(Severity.Warning, problem.Severity);
    }

    [Fact]
    public void Validate_AllCapitalsState_FixGivesExample()
    {
        var result = CsrRequestValidator.Validate(CsrForms.Minimal() with { State = "ONTARIO" });

        Assert.Contains("first capital letters only, e.g. Ontario", Assert.Single(result.Problems).Fix, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Toronto", null)]
    [InlineData("Ely", null)]
    [InlineData("São Paulo", null)]
    [InlineData("TORONTO", "csr.locality-all-capitals")]
    [InlineData("LA", "csr.locality-abbreviated")]
    [InlineData("NYC", "csr.locality-abbreviated")]
    public void Validate_Locality_WarnsOnCapitalsAndAbbreviations(string locality, string? code)
    {
        var result = CsrRequestValidator.Validate(CsrForms.Minimal() with { Locality = locality });

        Assert.True(result.Succeeded);
        Assert.Equal(code is null ? [] : [code], result.Codes());
    }

    [Theory]
    [InlineData(CsrField.State, 128)]
    [InlineData(CsrField.Locality, 128)]
    [InlineData(CsrField.Organization, 64)]
    [InlineData(CsrField.OrganizationalUnit, 64)]
    public void Validate_FieldAtRfc5280UpperBound_Accepted(CsrField field, int maximum)
    {
        var result = CsrRequestValidator.Validate(WithField(field, new string('a', maximum)));

        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData(CsrField.State, 128, "csr.state-too-long")]
    [InlineData(CsrField.Locality, 128, "csr.locality-too-long")]
    [InlineData(CsrField.Organization, 64, "csr.organization-too-long")]
    [InlineData(CsrField.OrganizationalUnit, 64, "csr.organizational-unit-too-long")]
    public void Validate_FieldOverRfc5280UpperBound_TooLong(CsrField field, int maximum, string code)
    {
        var result = CsrRequestValidator.Validate(WithField(field, new string('a', maximum + 1)));

        Assert.False(result.Succeeded);
        Assert.Equal([code], result.Codes());
        Assert.Contains($"at most {maximum}", result.Problems[0].Message);
    }

    [Fact]
    public void Validate_OrganizationOfSupplementaryCharacters_CountsCharactersNotUtf16Units()
    {
        var sixtyFour = string.Concat(Enumerable.Repeat("\U0001D49C", 64));

        Assert.True(CsrRequestValidator.Validate(CsrForms.Minimal() with { Organization = sixtyFour }).Succeeded);
        Assert.False(CsrRequestValidator.Validate(CsrForms.Minimal() with { Organization = sixtyFour + "\U0001D49C" }).Succeeded);
    }

    [Theory]
    [InlineData(CsrField.State, "csr.state-invalid-characters")]
    [InlineData(CsrField.Locality, "csr.locality-invalid-characters")]
    [InlineData(CsrField.Organization, "csr.organization-invalid-characters")]
    [InlineData(CsrField.OrganizationalUnit, "csr.organizational-unit-invalid-characters")]
    public void Validate_ControlCharacterInField_InvalidCharacters(CsrField field, string code)
    {
        var result = CsrRequestValidator.Validate(WithField(field, "Example\tUnit"));

        Assert.False(result.Succeeded);
        Assert.Contains(code, result.Codes());
    }

    [Fact]
    public void Validate_FullForm_SubjectPreviewInOrderCStLOOuCn()
    {
        var result = CsrRequestValidator.Validate(CsrForms.Full);

        Assert.True(result.Succeeded);
        Assert.Equal("C=CA, ST=Ontario, L=Toronto, O=Example Inc., OU=IT, CN=server.example.com", result.Value.Subject);
    }

    [Fact]
    public void Validate_OrganizationWithComma_PreviewEscapesItAsRfc4514()
    {
        var result = CsrRequestValidator.Validate(CsrForms.Minimal() with { Organization = "Example, Inc." });

        Assert.Equal(@"O=Example\, Inc., CN=server.example.com", result.Value.Subject);
    }

    [Fact]
    public void Validate_PaddedValues_TrimmedInRequestAndRememberedForm()
    {
        var result = CsrRequestValidator.Validate(CsrForms.Full with { Organization = "  Example Inc.  ", Country = "ca", AlternateNames = ["", " www.example.com "] });

        Assert.Equal("Example Inc.", result.Value.Organization);
        Assert.Equal("CA", result.Value.Form.Country);
        Assert.Equal(["www.example.com"], result.Value.Form.AlternateNames);
    }

    [Theory]
    [InlineData(2048)]
    [InlineData(3072)]
    [InlineData(4096)]
    public void Validate_OfferedKeySize_Accepted(int keySize)
    {
        Assert.True(CsrRequestValidator.Validate(CsrForms.Minimal() with { KeySize = keySize }).Succeeded);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1024)]
    [InlineData(2047)]
    [InlineData(8192)]
    public void Validate_OtherKeySize_KeySizeInvalid(int keySize)
    {
        var result = CsrRequestValidator.Validate(CsrForms.Minimal() with { KeySize = keySize });

        Assert.Equal(["csr.key-size-invalid"], result.Codes());
    }

    [Theory]
    [InlineData(CsrHashAlgorithm.Sha256)]
    [InlineData(CsrHashAlgorithm.Sha384)]
    [InlineData(CsrHashAlgorithm.Sha512)]
    public void Validate_OfferedHash_Accepted(CsrHashAlgorithm hash)
    {
        Assert.True(CsrRequestValidator.Validate(CsrForms.Minimal() with { Hash = hash }).Succeeded);
    }

    [Fact]
    public void Validate_UndefinedHash_HashInvalid()
    {
        var result = CsrRequestValidator.Validate(CsrForms.Minimal() with { Hash = (CsrHashAlgorithm)99 });

        Assert.Equal(["csr.hash-invalid"], result.Codes());
    }

    [Fact]
    public void Validate_DefaultForm_Rsa2048Sha256()
    {
        var result = CsrRequestValidator.Validate(CsrForms.Minimal());

        Assert.Equal(2048, result.Value.KeySize);
        Assert.Equal(CsrHashAlgorithm.Sha256, result.Value.Hash);
    }

    [Fact]
    public void Validate_ErrorsAndWarnings_FailureCarriesBoth()
    {
        var result = CsrRequestValidator.Validate(CsrForms.Minimal() with { State = "ONTARIO", Country = "XX" });

        Assert.False(result.Succeeded);
        Assert.Contains(result.Problems, p => p is { Code: "csr.state-all-capitals", Severity: Severity.Warning });
        Assert.Contains(result.Problems, p => p is { Code: "csr.country-invalid", Severity: Severity.Error });
    }

    private static CsrForm WithField(CsrField field, string value) => field switch
    {
        CsrField.State => CsrForms.Minimal() with { State = value },
        CsrField.Locality => CsrForms.Minimal() with { Locality = value },
        CsrField.Organization => CsrForms.Minimal() with { Organization = value },
        CsrField.OrganizationalUnit => CsrForms.Minimal() with { OrganizationalUnit = value },
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };
}
