using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Chain;
using CertManager.Core.Import;
using CertManager.Testing;

namespace CertManager.Core.Tests.Chain;

/// <summary>RFC 5280 §4.1.2.5: the validity period includes notBefore and notAfter, to the second, on the console's clock.</summary>
public sealed class ValidityPeriodTests(PathKeys keys) : IClassFixture<PathKeys>
{
    private static readonly DateTimeOffset NotBefore = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset NotAfter = new(2026, 12, 31, 23, 59, 59, TimeSpan.Zero);

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public async Task ExamineChainAsync_AtNotAfterAndOneSecondLater_IsValidThenExpired(int secondsAfter, bool valid)
    {
        using var host = CoreTestHost.Create(now: NotAfter.AddSeconds(secondsAfter));
        var root = TestCa.Root("Validity Root", keys[0], NotBefore.AddYears(-1), NotAfter.AddYears(5));
        using var leaf = root.IssueServer("CN=www.example.test", keys[3], ["www.example.test"], NotBefore, NotAfter);

        using var examination = await ExamineAsync(host, leaf, root);

        Assert.Equal(valid, examination.Report.PathValid);
        Assert.Equal(!valid, examination.Report.Problems.Any(p => p.Code == "chain.server-expired"));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(-1, false)]
    public async Task ExamineChainAsync_AtNotBeforeAndOneSecondEarlier_IsValidThenNotYetValid(int secondsAfter, bool valid)
    {
        using var host = CoreTestHost.Create(now: NotBefore.AddSeconds(secondsAfter));
        var root = TestCa.Root("Validity Root", keys[0], NotBefore.AddYears(-1), NotAfter.AddYears(5));
        using var leaf = root.IssueServer("CN=www.example.test", keys[3], ["www.example.test"], NotBefore, NotAfter);

        using var examination = await ExamineAsync(host, leaf, root);

        Assert.Equal(valid, examination.Report.PathValid);
        Assert.Equal(!valid, examination.Report.Problems.Any(p => p.Code == "chain.server-not-yet-valid"));
    }

    private static async Task<Examination> ExamineAsync(CoreTestHost host, X509Certificate2 leaf, TestCa root)
    {
        using var material = host.Get<CertificateImporter>().Import([ImportInput.FromText("server.crt", leaf.ExportCertificatePem(), ImportSlot.Certificate)], password: null);
        return await host.Get<ChainDoctor>().ExamineChainAsync(material, new ChainValidationOptions { TrustedRoots = [root.Certificate], HostNames = ["www.example.test"] });
    }
}
