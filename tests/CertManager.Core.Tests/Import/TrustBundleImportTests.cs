using CertManager.Core.Import;
using CertManager.Core.Trust;
using CertManager.Testing;
using Microsoft.Extensions.Options;

namespace CertManager.Core.Tests.Import;

/// <summary>A bundle of roots to trust is read within the trust-store limits; a server certificate upload keeps its own.</summary>
public sealed class TrustBundleImportTests
{
    /// <summary>This machine's copy of the Mozilla bundle (package ca-certificates), as an administrator would pass it.</summary>
    private const string MozillaBundle = "/etc/ssl/certs/ca-certificates.crt";

    [Fact]
    public void ImportTrustBundle_MozillaBundle_ReadsEveryRoot()
    {
        var content = File.ReadAllBytes(MozillaBundle);
        var expected = System.Text.Encoding.ASCII.GetString(content).Split("-----BEGIN CERTIFICATE-----").Length - 1;
        Assert.True(expected > 64, $"the bundle holds {expected} certificates");
        using var host = CoreTestHost.Create();

        using var material = host.Get<CertificateImporter>().ImportTrustBundle([new ImportInput("ca-certificates.crt", content, ImportSlot.Intermediates)]);

        Assert.Empty(material.Problems);
        Assert.Equal(expected, material.Certificates.Count);
        using var upload = host.Get<CertificateImporter>().Import([new ImportInput("ca-certificates.crt", content, ImportSlot.Intermediates)], null);
        Assert.Equal("import.too-many-blocks", Assert.Single(upload.Problems).Code);
        Assert.Equal(64, upload.Certificates.Count);
    }

    [Fact]
    public void ImportTrustBundle_MoreThanTheTrustLimit_ReportsTooManyBlocks()
    {
        var content = File.ReadAllBytes(MozillaBundle);
        var importer = new CertificateImporter(Options.Create(new ImportOptions()), Options.Create(new TrustOptions { MaxBundleCertificates = 100 }));

        using var material = importer.ImportTrustBundle([new ImportInput("ca-certificates.crt", content, ImportSlot.Intermediates)]);

        Assert.Equal(100, material.Certificates.Count);
        Assert.Equal("import.too-many-blocks", Assert.Single(material.Problems).Code);
    }
}
