using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Chain;
using CertManager.Core.Import;
using CertManager.Core.Results;
using CertManager.Testing;

namespace CertManager.Core.Tests.Chain;

/// <summary>
/// Name constraints judged on the certificate's real names (RFC 5280 §4.2.1.10), never on its CN: the platform's
/// CN-based refusal does not stand when the subjectAltNames satisfy the constraints, and a subjectAltName outside them
/// is refused with the name and the constraint, whatever the CN says.
/// </summary>
public sealed class NameConstraintTests(PathKeys keys) : IClassFixture<PathKeys>, IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private readonly CoreTestHost _host = CoreTestHost.Create(now: Now);

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task ExamineChainAsync_CnOutsideTheConstraintsButIpAddressNameInside_IsValidAlthoughOpenSslRefusesIt()
    {
        var (root, issuing) = ConstrainedCa();
        using var leaf = issuing.IssueServer("CN=appliance.outside.test", keys[3], ["192.0.2.10"], Now.AddDays(-1), Now.AddDays(60));
        Assert.True(PlatformReportsNameConstraintViolation(leaf, issuing, root), "OpenSSL no longer tests the CN: this override may go.");

        using var examination = await ExamineAsync(leaf, issuing, root, "192.0.2.10");

        Assert.True(examination.Report.PathValid, string.Join(" | ", examination.Report.Problems.Select(p => $"{p.Code}: {p.Message}")));
        Assert.DoesNotContain(examination.Report.Problems, p => p.Code is "chain.name-constraint-violated" or "chain.invalid");
    }

    [Fact]
    public async Task ExamineChainAsync_CnInsideTheConstraintsButDnsNameOutside_IsRefusedNamingTheNameAndTheConstraint()
    {
        var (root, issuing) = ConstrainedCa();
        using var leaf = issuing.IssueServer("CN=www.example.test", keys[3], ["www.example.test", "evil.other.test"], Now.AddDays(-1), Now.AddDays(60));

        using var examination = await ExamineAsync(leaf, issuing, root, "www.example.test");

        Assert.False(examination.Report.PathValid);
        var problem = Assert.Single(examination.Report.Problems, p => p.Code == "chain.name-constraint-violated");
        Assert.Equal(Severity.Error, problem.Severity);
        Assert.Contains("DNS:evil.other.test", problem.Message, StringComparison.Ordinal);
        Assert.Contains("DNS:example.test", problem.Message, StringComparison.Ordinal);
        Assert.Contains("#2 (CN=Constrained CA)", problem.Message, StringComparison.Ordinal);
        Assert.Equal(Severity.Error, examination.Report.Chain[0].WorstSeverity);
    }

    private (TestCa Root, TestCa Issuing) ConstrainedCa()
    {
        var root = TestCa.Root("Constraint Test Root", keys[0], Now.AddYears(-1), Now.AddYears(5));
        var issuing = TestCa.Issued("Constrained CA", keys[2], root, Now.AddYears(-1), Now.AddYears(2), TestCa.Permitted(["example.test"], ["192.0.2.0/24"]));
        return (root, issuing);
    }

    private static bool PlatformReportsNameConstraintViolation(X509Certificate2 leaf, TestCa issuing, TestCa root)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root.Certificate);
        chain.ChainPolicy.ExtraStore.Add(issuing.Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = Now.UtcDateTime;
        return !chain.Build(leaf) && chain.ChainStatus.Any(s => s.Status.HasFlag(X509ChainStatusFlags.HasNotPermittedNameConstraint));
    }

    private async Task<Examination> ExamineAsync(X509Certificate2 leaf, TestCa issuing, TestCa root, string host)
    {
        using var material = _host.Get<CertificateImporter>().Import(
            [ImportInput.FromText("server.crt", leaf.ExportCertificatePem(), ImportSlot.Certificate), ImportInput.FromText("chain.pem", issuing.Pem, ImportSlot.Intermediates)],
            password: null);
        var options = new ChainValidationOptions { TrustedRoots = [root.Certificate], HostNames = [host] };
        return await _host.Get<ChainDoctor>().ExamineChainAsync(material, options);
    }
}
