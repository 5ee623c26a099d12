using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertManager.Benchmarks.Storage;

/// <summary>
/// A root and an issuing CA made in memory once, and server certificates for <see cref="HostName"/> under them, as PEM
/// for the importer or with their key for the store.
/// </summary>
internal sealed class BenchmarkChain : IDisposable
{
    public const string HostName = "console.example.test";

    private readonly RSA _rootKey = RSA.Create(2048);
    private readonly RSA _issuerKey = RSA.Create(2048);
    private readonly X509Certificate2 _root;
    private readonly X509Certificate2 _issuer;
    private int _serial;

    public BenchmarkChain()
    {
        var notBefore = DateTimeOffset.UtcNow.AddDays(-1);
        var rootRequest = new CertificateRequest("CN=Benchmark Root CA", _rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        _root = rootRequest.CreateSelfSigned(notBefore, notBefore.AddYears(10));
        var issuerRequest = new CertificateRequest("CN=Benchmark Issuing CA", _issuerKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        issuerRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        issuerRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        issuerRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(issuerRequest.PublicKey, false));
        _issuer = issuerRequest.Create(_root, notBefore, notBefore.AddYears(5), [1]);
    }

    public string RootPem => _root.ExportCertificatePem();

    public string IssuerPem => _issuer.ExportCertificatePem();

    /// <summary>A new server certificate (new key) valid for <paramref name="days"/>: certificate PEM and PKCS#8 key PEM.</summary>
    public (string CertificatePem, string KeyPem) IssueServerPem(int days = 90)
    {
        using var key = RSA.Create(2048);
        using var certificate = IssueServer(key, days);
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>A new server certificate with its key attached, for the store.</summary>
    public X509Certificate2 IssueServerWithKey(int days = 90)
    {
        using var key = RSA.Create(2048);
        using var certificate = IssueServer(key, days);
        return certificate.CopyWithPrivateKey(key);
    }

    public X509Certificate2 Issuer => _issuer;

    private X509Certificate2 IssueServer(RSA key, int days)
    {
        var request = new CertificateRequest($"CN={HostName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(HostName);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = BitConverter.GetBytes(Interlocked.Increment(ref _serial) + 1000);
        using var issuerWithKey = _issuer.CopyWithPrivateKey(_issuerKey);
        var now = DateTimeOffset.UtcNow;
        return request.Create(issuerWithKey, now.AddMinutes(-5), now.AddDays(days), serial);
    }

    public void Dispose()
    {
        _root.Dispose();
        _issuer.Dispose();
        _rootKey.Dispose();
        _issuerKey.Dispose();
    }
}
