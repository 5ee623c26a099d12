using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CertManager.Core.Import;
using CertManager.Core.Trust;
using CertManager.Testing;

namespace CertManager.Core.Tests.Trust;

/// <summary>The Trusted Roots page's upload: whole bundles of roots within the trust-store limits, only self-signed roots kept.</summary>
public sealed class RootBundleReaderTests : IDisposable
{
    private readonly CoreTestHost _host = CoreTestHost.Create(now: DateTimeOffset.UtcNow.AddMinutes(5));
    private readonly TestPki _pki = new("Bundle");

    public void Dispose()
    {
        _pki.Dispose();
        _host.Dispose();
    }

    [Fact]
    public void Read_BundleOf150RootsAndAnIntermediate_Gives150RootsAndSkipsTheIntermediate()
    {
        // More roots than a server certificate upload may hold (64 PEM blocks), as in an enterprise or Mozilla bundle.
        var pem = new StringBuilder();
        foreach (var index in Enumerable.Range(1, 150))
        {
            pem.Append(SelfSignedRootPem($"Bundle Root {index}"));
        }

        pem.Append(_pki.IntermediatePem);

        var read = _host.Get<RootBundleReader>().Read(ImportInput.FromText("roots.pem", pem.ToString(), ImportSlot.Intermediates));

        Assert.True(read.Succeeded, string.Join("; ", read.Problems));
        using var bundle = read.Value;
        Assert.Equal(150, bundle.Roots.Count);
        Assert.Equal(1, bundle.Skipped);
        Assert.Equal("CN=Bundle Root 1", bundle.Summaries[0].Subject);
        Assert.Equal(bundle.Roots.Select(r => r.GetCertHashString(HashAlgorithmName.SHA256)), bundle.Summaries.Select(s => s.Sha256Fingerprint.Replace(":", string.Empty, StringComparison.Ordinal)));
    }

    [Fact]
    public void Read_OnlyAnIntermediate_RefusedAsNotARootNamingIt()
    {
        var read = _host.Get<RootBundleReader>().Read(ImportInput.FromText("issuing.pem", _pki.IntermediatePem, ImportSlot.Intermediates));

        var problem = Assert.Single(read.Problems);
        Assert.Equal("trust.not-a-root", problem.Code);
        Assert.Contains("Bundle Issuing CA", problem.Message, StringComparison.Ordinal);
    }

    private static string SelfSignedRootPem(string commonName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var root = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
        return root.ExportCertificatePem() + "\n";
    }
}
