using CertManager.Scep.Protocol;

namespace CertManager.Scep.Tests.Protocol;

public sealed class ScepAlgorithmsTests
{
    [Theory]
    [InlineData("SCEPStandard", "SHA-256", "AES-128-CBC")]
    [InlineData("SHA-1\nSHA-256\nSHA-512\nDES3", "SHA-512", "3DES-CBC")]
    [InlineData("sha-256\r\naes\r\n", "SHA-256", "AES-128-CBC")]
    public void Choose_Capabilities_PicksTheStrongestOffered(string caps, string digest, string cipher)
    {
        var chosen = ScepAlgorithms.Choose(ScepCapabilities.Parse(caps))!;

        Assert.Equal(digest, chosen.DigestName);
        Assert.Equal(cipher, chosen.CipherName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("SHA-1\nDES3")]
    [InlineData("SHA-256")]
    public void Choose_OnlyWeakOrDefaultAlgorithms_RefusesRatherThanDowngrade(string caps) =>
        Assert.Null(ScepAlgorithms.Choose(ScepCapabilities.Parse(caps)));

    [Theory]
    [InlineData(FailInfo.BadAlg, "scep.rejected-bad-alg")]
    [InlineData(FailInfo.BadMessageCheck, "scep.rejected-bad-message-check")]
    [InlineData(FailInfo.BadRequest, "scep.rejected-bad-request")]
    [InlineData(FailInfo.BadTime, "scep.rejected-bad-time")]
    [InlineData(FailInfo.BadCertId, "scep.rejected-bad-cert-id")]
    [InlineData(null, "scep.rejected")]
    public void Rejected_EachFailInfo_HasItsOwnCodeAndAFix(FailInfo? failInfo, string code)
    {
        var problem = ScepErrors.Rejected(failInfo);

        Assert.Equal(code, problem.Code);
        Assert.NotEmpty(problem.Fix);
    }
}
