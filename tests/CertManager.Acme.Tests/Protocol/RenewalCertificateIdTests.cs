using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Acme.Protocol;

namespace CertManager.Acme.Tests.Protocol;

public sealed class RenewalCertificateIdTests
{
    /// <summary>RFC 9773 §4.1's example: keyIdentifier 69:88:5B:...:D4 and serial 00:87:65:43:21.</summary>
    [Fact]
    public void Of_Rfc9773Example_IsTheRfcsIdentifier()
    {
        byte[] keyIdentifier = Convert.FromHexString("69885B6B87464041E1B37B847BA0AE2CDE01C8D4");
        using var certificate = Make(keyIdentifier, Convert.FromHexString("0087654321"));

        Assert.Equal("aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE", RenewalCertificateId.Of(certificate));
    }

    [Fact]
    public void Of_NoAuthorityKeyIdentifier_IsNull()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest("CN=self", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));

        Assert.Null(RenewalCertificateId.Of(certificate));
    }

    private static X509Certificate2 Make(byte[] keyIdentifier, byte[] serial)
    {
        using var issuerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=leaf", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(keyIdentifier));
        var now = DateTimeOffset.UtcNow;
        return request.Create(new X500DistinguishedName("CN=issuer"), X509SignatureGenerator.CreateForECDsa(issuerKey), now, now.AddDays(1), serial);
    }
}
