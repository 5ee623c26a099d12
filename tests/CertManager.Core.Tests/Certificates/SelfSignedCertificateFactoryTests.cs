using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Certificates;
using CertManager.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CertManager.Core.Tests.Certificates;

public sealed class SelfSignedCertificateFactoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_ConsoleHost_Rsa2048KeyWithSha256RsaSignature()
    {
        using var certificate = Create("console.example.test");

        using var rsa = certificate.GetRSAPublicKey();
        Assert.NotNull(rsa);
        Assert.Equal(2048, rsa.KeySize);
        Assert.Equal("1.2.840.113549.1.1.11", certificate.SignatureAlgorithm.Value);
        Assert.True(certificate.HasPrivateKey);
    }

    [Fact]
    public void Create_ConsoleHost_SubjectAndIssuerAreCommonNameOfFqdn()
    {
        using var certificate = Create("console.example.test");

        Assert.Equal("CN=console.example.test", certificate.Subject);
        Assert.Equal(certificate.Subject, certificate.Issuer);
    }

    [Fact]
    public void Create_ConsoleHost_AlternativeNamesAreExactlyFqdnShortNameLocalhostAndLoopbacks()
    {
        using var certificate = Create("console.example.test");

        var names = SubjectAlternativeNames(certificate);

        Assert.Equal(["console.example.test", "console", "localhost"], names.DnsNames);
        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback], names.IpAddresses);
    }

    [Fact]
    public void Create_SingleLabelHostName_NameListedOnce()
    {
        using var certificate = Create("console");

        Assert.Equal(["console", "localhost"], SubjectAlternativeNames(certificate).DnsNames);
    }

    [Fact]
    public void Create_ConsoleHost_ServerAuthenticationOnlyAndNotACa()
    {
        using var certificate = Create("console.example.test");

        var usage = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single();
        Assert.Equal(["1.3.6.1.5.5.7.3.1"], usage.EnhancedKeyUsages.Cast<Oid>().Select(oid => oid.Value));
        var constraints = certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.False(constraints.CertificateAuthority);
        var keyUsage = certificate.Extensions.OfType<X509KeyUsageExtension>().Single();
        Assert.Equal(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, keyUsage.KeyUsages);
    }

    [Fact]
    public void Create_FakeClock_ValidFromFiveMinutesBeforeNowFor825Days()
    {
        using var certificate = Create("console.example.test");

        Assert.Equal(Now.AddMinutes(-5).UtcDateTime, certificate.NotBefore.ToUniversalTime());
        Assert.Equal(Now.AddDays(825).UtcDateTime, certificate.NotAfter.ToUniversalTime());
    }

    [Fact]
    public void Create_TwoCertificates_DistinctPositiveSerialsOf16Octets()
    {
        using var first = Create("console.example.test");
        using var second = Create("console.example.test");

        Assert.NotEqual(first.SerialNumber, second.SerialNumber);
        foreach (var serial in new[] { first.SerialNumberBytes.ToArray(), second.SerialNumberBytes.ToArray() })
        {
            Assert.Equal(16, serial.Length);
            Assert.True(serial[0] is > 0 and < 0x80, "A serial must be positive and have no leading zero octet (RFC 5280 4.1.2.2).");
        }
    }

    [Fact]
    public void Create_ExportedPem_OpenSslReadsTheSameCertificate()
    {
        using var certificate = Create("console.example.test");
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("cert.pem"), certificate.ExportCertificatePem());

        var text = OpenSsl.Run(directory.Path, "x509", "-in", "cert.pem", "-noout", "-text");

        Assert.Contains("Public-Key: (2048 bit)", text, StringComparison.Ordinal);
        Assert.Contains("Signature Algorithm: sha256WithRSAEncryption", text, StringComparison.Ordinal);
        Assert.Contains("Subject: CN = console.example.test", text, StringComparison.Ordinal);
        Assert.Contains("Issuer: CN = console.example.test", text, StringComparison.Ordinal);
        Assert.Contains("DNS:console.example.test, DNS:console, DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1", text, StringComparison.Ordinal);
        Assert.Contains("TLS Web Server Authentication", text, StringComparison.Ordinal);
        Assert.DoesNotContain("TLS Web Client Authentication", text, StringComparison.Ordinal);
        Assert.Contains("CA:FALSE", text, StringComparison.Ordinal);
        Assert.Contains("Not Before: Nov 26 11:55:00 2026 GMT", text, StringComparison.Ordinal);
        Assert.Contains("Not After : Feb 28 12:00:00 2029 GMT", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ExportedPem_OpenSslVerifiesTheSelfSignature()
    {
        using var certificate = Create("console.example.test");
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("cert.pem"), certificate.ExportCertificatePem());

        // -partial_chain trusts the leaf itself, so only the signature and validity at -attime are checked.
        var output = OpenSsl.Run(directory.Path, "verify", "-partial_chain", "-attime", Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-purpose", "sslserver", "-CAfile", "cert.pem", "cert.pem");

        Assert.Contains("cert.pem: OK", output, StringComparison.Ordinal);
    }

    private static X509Certificate2 Create(string hostName) =>
        new SelfSignedCertificateFactory(new FakeTimeProvider(Now)).Create(new HostIdentity(hostName));

    private static (List<string> DnsNames, List<IPAddress> IpAddresses) SubjectAlternativeNames(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        return ([.. extension.EnumerateDnsNames()], [.. extension.EnumerateIPAddresses()]);
    }
}
