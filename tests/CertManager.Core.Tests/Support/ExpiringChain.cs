using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Storage;
using CertManager.Testing;

namespace CertManager.Core.Tests.Support;

/// <summary>
/// A root, an intermediate and a server certificate with the expiry dates a test asks for, made at run time and
/// installed straight into the store (the examination path is tested elsewhere).
/// </summary>
internal static class ExpiringChain
{
    public static (X509Certificate2 Leaf, X509Certificate2 Intermediate) Install(CoreTestHost host, string commonName, DateTimeOffset leafNotAfter, DateTimeOffset? intermediateNotAfter = null)
    {
        var notBefore = host.Time.GetUtcNow().AddDays(-10);
        using var rootKey = RSA.Create(2048);
        var rootRequest = new CertificateRequest("CN=Expiry Test Root CA, O=Expiry PKI", rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var root = rootRequest.CreateSelfSigned(notBefore, notBefore.AddYears(10));

        using var intermediateKey = RSA.Create(2048);
        var intermediateRequest = new CertificateRequest("CN=Expiry Test Issuing CA, O=Expiry PKI", intermediateKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        intermediateRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        using var intermediatePublic = intermediateRequest.Create(root, notBefore, intermediateNotAfter ?? notBefore.AddYears(5), [1, 2]);
        using var intermediate = intermediatePublic.CopyWithPrivateKey(intermediateKey);

        using var leafKey = RSA.Create(2048);
        var leafRequest = new CertificateRequest($"CN={commonName}", leafKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var sans = new SubjectAlternativeNameBuilder();
        sans.AddDnsName(commonName);
        sans.AddDnsName("www." + commonName);
        leafRequest.CertificateExtensions.Add(sans.Build());
        // Signed through the generator, which (unlike Create(issuer, ...)) lets a leaf outlive its issuer, as real chains can.
        using var leafPublic = leafRequest.Create(intermediate.SubjectName, X509SignatureGenerator.CreateForRSA(intermediateKey, RSASignaturePadding.Pkcs1), notBefore, leafNotAfter, [3, 4, (byte)Random.Shared.Next(256)]);
        using var leaf = leafPublic.CopyWithPrivateKey(leafKey);

        var store = host.Get<CertificateStore>();
        var version = store.WriteInstalledVersion(leaf, [intermediatePublic], host.Time.GetUtcNow());
        store.Activate(version);
        return (X509CertificateLoader.LoadCertificate(leaf.RawData), X509CertificateLoader.LoadCertificate(intermediatePublic.RawData));
    }
}
