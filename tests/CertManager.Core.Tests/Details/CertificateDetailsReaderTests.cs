using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Certificates;
using CertManager.Core.Details;
using CertManager.Core.Expiry;
using CertManager.Core.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CertManager.Core.Tests.Details;

public sealed class CertificateDetailsReaderTests(OpenSslPki pki) : IClassFixture<OpenSslPki>
{
    [Fact]
    public void Read_LeafIssuedByOpenSslCa_IssuerHasEveryFieldOfTheCaSubject()
    {
        using var leaf = pki.LoadLeaf();

        var issuer = Read(leaf).Issuer;

        Assert.Equal("CA", issuer.Country);
        Assert.Equal("Ontario", issuer.State);
        Assert.Equal("Toronto", issuer.Locality);
        Assert.Equal("Example Corp", issuer.Organization);
        Assert.Equal("IT", issuer.OrganizationalUnit);
        Assert.Equal("Example Issuing CA", issuer.CommonName);
        Assert.Equal("pki@example.com", issuer.EmailAddress);
    }

    [Fact]
    public void Read_LeafIssuedByOpenSslCa_IssuerLinesInClassicOrder()
    {
        using var leaf = pki.LoadLeaf();

        var lines = Read(leaf).Issuer.Lines;

        Assert.Equal(
            [
                new NameField("C", "CA"),
                new NameField("ST", "Ontario"),
                new NameField("L", "Toronto"),
                new NameField("O", "Example Corp"),
                new NameField("OU", "IT"),
                new NameField("CN", "Example Issuing CA"),
                new NameField("emailAddress", "pki@example.com"),
            ],
            lines);
    }

    [Fact]
    public void Read_SubjectEncodedInReverseOrder_LinesInClassicOrderWithRepeatedUnitsKept()
    {
        using var reversed = pki.LoadReversed();

        var lines = Read(reversed).Subject.Lines;

        Assert.Equal(["C", "ST", "L", "O", "OU", "OU", "CN", "emailAddress"], lines.Select(line => line.Label));
        Assert.Equal(["Ops", "IT"], lines.Where(line => line.Label == "OU").Select(line => line.Value));
    }

    [Fact]
    public void Read_LeafWithBlankUnitAndMissingFields_OmitsThem()
    {
        using var leaf = pki.LoadLeaf();
        // The referee confirms the blank OU really is in the certificate, so omitting it is the reader's doing.
        Assert.Contains("OU=\\ ", pki.Print(pki.LeafPath, "-subject", "-nameopt", "RFC2253"), StringComparison.Ordinal);

        var subject = Read(leaf).Subject;

        Assert.Equal([new NameField("C", "CA"), new NameField("O", "Example Corp"), new NameField("CN", "www.example.com")], subject.Lines);
        Assert.Null(subject.OrganizationalUnit);
        Assert.Null(subject.State);
        Assert.Null(subject.EmailAddress);
    }

    [Fact]
    public void Read_Leaf_CertificateNameIsSubjectCommonName()
    {
        using var leaf = pki.LoadLeaf();

        Assert.Equal("www.example.com", Read(leaf).CertificateName);
    }

    [Fact]
    public void Read_LeafWithDnsAndIpNames_ListsEveryAlternateNameInOrder()
    {
        using var leaf = pki.LoadLeaf();

        var names = Read(leaf).AlternateNames;

        Assert.Equal(
            [
                new SubjectAlternativeName(AlternativeNameKind.Dns, "www.example.com"),
                new SubjectAlternativeName(AlternativeNameKind.Dns, "example.com"),
                new SubjectAlternativeName(AlternativeNameKind.IpAddress, "192.0.2.10"),
                new SubjectAlternativeName(AlternativeNameKind.IpAddress, "2001:db8::1"),
            ],
            names);
    }

    [Fact]
    public void Read_CaWithoutAlternativeNames_ListsNone()
    {
        using var ca = pki.LoadCa();

        Assert.Empty(Read(ca).AlternateNames);
    }

    [Fact]
    public void Read_LeafWithHighBitSerial_SerialEqualsOpenSslSerial()
    {
        using var leaf = pki.LoadLeaf();

        var serial = Read(leaf).SerialNumber;

        Assert.Equal(pki.Print(pki.LeafPath, "-serial"), serial.Replace(":", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_CaWithRandomSerial_SerialEqualsOpenSslSerial()
    {
        using var ca = pki.LoadCa();

        var serial = Read(ca).SerialNumber;

        Assert.Equal(pki.Print(pki.CaPath, "-serial"), serial.Replace(":", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_Leaf_Sha256FingerprintEqualsOpenSslFingerprint()
    {
        using var leaf = pki.LoadLeaf();

        Assert.Equal(pki.Print(pki.LeafPath, "-fingerprint", "-sha256"), Read(leaf).Sha256Fingerprint);
    }

    [Fact]
    public void Read_RsaLeaf_KeyAndSignatureAsOpenSslDescribesThem()
    {
        using var leaf = pki.LoadLeaf();
        var text = pki.Text(pki.LeafPath);

        var details = Read(leaf);

        Assert.Equal("RSA", details.KeyAlgorithm);
        Assert.Equal(2048, details.KeySizeBits);
        Assert.Contains("Public-Key: (2048 bit)", text, StringComparison.Ordinal);
        Assert.Equal("sha256WithRSAEncryption", details.SignatureAlgorithm);
        Assert.Contains($"Signature Algorithm: {details.SignatureAlgorithm}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EcCertificate_KeyAndSignatureAsOpenSslDescribesThem()
    {
        using var reversed = pki.LoadReversed();
        var text = pki.Text(pki.ReversedPath);

        var details = Read(reversed);

        Assert.Equal("EC", details.KeyAlgorithm);
        Assert.Equal(256, details.KeySizeBits);
        Assert.Contains("Public-Key: (256 bit)", text, StringComparison.Ordinal);
        Assert.Equal("ecdsa-with-SHA256", details.SignatureAlgorithm);
        Assert.Contains($"Signature Algorithm: {details.SignatureAlgorithm}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Leaf_ValidityEqualsOpenSslDates()
    {
        using var leaf = pki.LoadLeaf();

        var details = Read(leaf);

        Assert.Equal(OpenSslPki.ParseOpenSslDate(pki.Print(pki.LeafPath, "-startdate")), details.ValidFrom);
        Assert.Equal(OpenSslPki.ParseOpenSslDate(pki.Print(pki.LeafPath, "-enddate")), details.Expires);
    }

    [Theory]
    [InlineData("30.01:00:00", 30)]
    [InlineData("30.00:00:00", 30)]
    [InlineData("29.23:59:59", 29)]
    [InlineData("00:00:01", 0)]
    [InlineData("-00:00:01", -1)]
    [InlineData("-1.00:00:01", -2)]
    public void Read_ClockBeforeOrAfterExpiry_DaysRemainingRoundedDown(string beforeExpiry, int expectedDays)
    {
        using var leaf = pki.LoadLeaf();
        var notAfter = OpenSslPki.ParseOpenSslDate(pki.Print(pki.LeafPath, "-enddate"));

        var details = Read(leaf, now: notAfter - TimeSpan.Parse(beforeExpiry, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expectedDays, details.DaysRemaining);
    }

    [Theory]
    [InlineData("60.00:00:00", ExpiryLevel.Ok)]
    [InlineData("20.00:00:00", ExpiryLevel.Warning)]
    [InlineData("3.00:00:00", ExpiryLevel.Minor)]
    [InlineData("-01:00:00", ExpiryLevel.Major)]
    public void Read_ClockBeforeOrAfterExpiry_ExpiryLevelFromDefaultThresholds(string beforeExpiry, ExpiryLevel expected)
    {
        using var leaf = pki.LoadLeaf();
        var notAfter = OpenSslPki.ParseOpenSslDate(pki.Print(pki.LeafPath, "-enddate"));

        var details = Read(leaf, now: notAfter - TimeSpan.Parse(beforeExpiry, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, details.ExpiryLevel);
    }

    [Theory]
    [InlineData(CertificateOrigin.SelfSignedDefault)]
    [InlineData(CertificateOrigin.ThirdParty)]
    public void Read_GivenOrigin_ReportsIt(CertificateOrigin origin)
    {
        using var leaf = pki.LoadLeaf();

        Assert.Equal(origin, Read(leaf, origin: origin).Origin);
    }

    [Fact]
    public void FormatHex_Bytes_UpperCaseOctetsJoinedByColons()
    {
        Assert.Equal("00:0A:FF", CertificateDetailsReader.FormatHex([0x00, 0x0A, 0xFF]));
    }

    private static CertificateDetails Read(X509Certificate2 certificate, DateTimeOffset? now = null, CertificateOrigin origin = CertificateOrigin.ThirdParty)
    {
        var time = new FakeTimeProvider(now ?? new DateTimeOffset(certificate.NotBefore.ToUniversalTime()).AddDays(1));
        var reader = new CertificateDetailsReader(new ExpiryClassifier(Options.Create(new ExpiryOptions()), time), time);
        return reader.Read(certificate, origin);
    }
}
