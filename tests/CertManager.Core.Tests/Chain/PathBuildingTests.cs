using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Chain;
using CertManager.Core.Import;
using CertManager.Core.Results;
using CertManager.Testing;

namespace CertManager.Core.Tests.Chain;

/// <summary>
/// Path building that backtracks, through the chain doctor: when the bundle and the trusted roots offer several paths,
/// the valid one is found and sent, the best of several valid ones is chosen, and when none is valid the alternatives
/// are reported. CAs are made in process, sharing subjects and keys as cross-signed and renewed CAs do.
/// </summary>
public sealed class PathBuildingTests(PathKeys keys) : IClassFixture<PathKeys>, IDisposable
{
    private const string Host = "www.example.test";
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private readonly CoreTestHost _host = CoreTestHost.Create(now: Now);

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task ExamineChainAsync_CrossSignedRootAndOnlyTheOldRootTrusted_SendsThePathThroughTheCrossCertificate()
    {
        var (oldRoot, newRoot, cross, issuing, leaf) = CrossSigned();

        using var examination = await ExamineAsync(leaf, [issuing.Pem, newRoot.Pem, cross.Pem], oldRoot);

        Assert.True(examination.Report.PathValid, Describe(examination));
        Assert.Equal(Fingerprints(leaf, issuing.Certificate, cross.Certificate, oldRoot.Certificate), examination.Report.Chain.Select(l => l.Certificate.Sha256Fingerprint));
        Assert.Equal(Fingerprints(issuing.Certificate, cross.Certificate), examination.Intermediates.Select(Fingerprint));
    }

    [Fact]
    public async Task ExamineChainAsync_CrossSignedRootAndBothRootsTrusted_ChoosesTheShorterPath()
    {
        var (oldRoot, newRoot, cross, issuing, leaf) = CrossSigned();

        using var examination = await ExamineAsync(leaf, [issuing.Pem, cross.Pem], oldRoot, newRoot);

        Assert.True(examination.Report.PathValid, Describe(examination));
        Assert.Equal(Fingerprints(leaf, issuing.Certificate, newRoot.Certificate), examination.Report.Chain.Select(l => l.Certificate.Sha256Fingerprint));
        Assert.Equal(Fingerprints(issuing.Certificate), examination.Intermediates.Select(Fingerprint));
    }

    [Fact]
    public async Task ExamineChainAsync_ExpiredAndRenewedRootWithOneKeyBothTrusted_ValidatesThroughTheRenewedRoot()
    {
        var expired = TestCa.Root("Shared Root", keys[0], Now.AddYears(-3), Now.AddDays(-1));
        var renewed = TestCa.Root("Shared Root", keys[0], Now.AddDays(-2), Now.AddYears(5));
        var issuing = TestCa.Issued("Issuing CA", keys[2], renewed, Now.AddDays(-2), Now.AddYears(2));
        using var leaf = issuing.IssueServer($"CN={Host}", keys[3], [Host], Now.AddDays(-1), Now.AddDays(60));

        using var examination = await ExamineAsync(leaf, [issuing.Pem], expired, renewed);

        Assert.True(examination.Report.PathValid, Describe(examination));
        Assert.Equal(Fingerprint(renewed.Certificate), examination.Report.Chain[^1].Certificate.Sha256Fingerprint);
    }

    [Fact]
    public async Task ExamineChainAsync_RootUploadedBeforeTheIntermediate_BuildsThePathAndSendsOnlyTheIntermediate()
    {
        var root = TestCa.Root("Swap Root", keys[0], Now.AddYears(-1), Now.AddYears(5));
        var issuing = TestCa.Issued("Swap Issuing CA", keys[2], root, Now.AddYears(-1), Now.AddYears(2));
        using var leaf = issuing.IssueServer($"CN={Host}", keys[3], [Host], Now.AddDays(-1), Now.AddDays(60));

        using var examination = await ExamineAsync(leaf, [root.Pem, issuing.Pem], root);

        Assert.True(examination.Report.PathValid, Describe(examination));
        Assert.Equal(Fingerprints(issuing.Certificate), examination.Intermediates.Select(Fingerprint));
        Assert.Equal(Severity.Info, Assert.Single(examination.Report.Problems, p => p.Code == "bundle.root-dropped").Severity);
    }

    [Fact]
    public async Task ExamineChainAsync_ConstrainedAndUnconstrainedIntermediateWithOneKey_SendsTheOneWhoseConstraintsAllowTheName()
    {
        var root = TestCa.Root("Constraint Root", keys[0], Now.AddYears(-1), Now.AddYears(5));
        var constrained = TestCa.Issued("Issuing CA", keys[2], root, Now.AddYears(-1), Now.AddYears(3), TestCa.Permitted(["other.test"]));
        var free = TestCa.Issued("Issuing CA", keys[2], root, Now.AddYears(-1), Now.AddYears(2));
        using var leaf = free.IssueServer($"CN={Host}", keys[3], [Host], Now.AddDays(-1), Now.AddDays(60));

        using var examination = await ExamineAsync(leaf, [constrained.Pem, free.Pem], root);

        Assert.True(examination.Report.PathValid, Describe(examination));
        Assert.Equal(Fingerprints(free.Certificate), examination.Intermediates.Select(Fingerprint));
    }

    [Fact]
    public async Task ExamineChainAsync_OnlyPathsThatFail_ExplainsTheClosestAndListsTheOthers()
    {
        var (_, newRoot, cross, issuing, leaf) = CrossSigned();

        using var examination = await ExamineAsync(leaf, [issuing.Pem, newRoot.Pem, cross.Pem], TestCa.Root("Unrelated Root", keys[5], Now.AddYears(-1), Now.AddYears(5)));

        Assert.False(examination.Report.PathValid);
        var alternatives = Assert.Single(examination.Report.Problems, p => p.Code == "chain.alternatives");
        Assert.Equal(Severity.Info, alternatives.Severity);
        Assert.Contains("2 paths were tried", alternatives.Message, StringComparison.Ordinal);
        Assert.Contains("CN=New Root", alternatives.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HostileBundleOfAHundredCertificatesWithTheIssuersName_FindsTheRealIssuerQuickly()
    {
        var root = TestCa.Root("Hostile Root", keys[0], Now.AddYears(-1), Now.AddYears(5));
        var issuing = TestCa.Issued("Issuing CA", keys[2], root, Now.AddYears(-1), Now.AddYears(2));
        using var leaf = issuing.IssueServer($"CN={Host}", keys[3], [Host], Now.AddDays(-1), Now.AddDays(60));
        var decoys = Enumerable.Range(0, 100).Select(i => TestCa.Issued("Issuing CA", keys[4 + (i % 2)], root, Now.AddYears(-1), Now.AddYears(3)).Certificate).ToList();
        var options = new ChainValidationOptions { TrustedRoots = [root.Certificate] };

        // Straight to the validator: an upload holds at most 64 PEM blocks, a bundle given to verify or SCEP need not.
        var clock = Stopwatch.StartNew();
        var path = _host.Get<ChainValidator>().Validate(leaf, [.. decoys, issuing.Certificate], options);
        clock.Stop();

        Assert.True(path.IsValid, string.Join(" | ", path.Problems.Select(p => p.Message)));
        Assert.Equal(Fingerprints(leaf, issuing.Certificate, root.Certificate), path.Elements.Select(e => Fingerprint(e.Certificate)));
        // The benchmark holds the 100 ms target on a quiet machine; this bound only catches a search that explodes.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed.TotalMilliseconds:F0} ms");
    }

    private (TestCa OldRoot, TestCa NewRoot, TestCa Cross, TestCa Issuing, X509Certificate2 Leaf) CrossSigned()
    {
        var oldRoot = TestCa.Root("Old Root", keys[0], Now.AddYears(-5), Now.AddYears(5));
        var newRoot = TestCa.Root("New Root", keys[1], Now.AddYears(-1), Now.AddYears(10));
        var cross = TestCa.Issued("New Root", keys[1], oldRoot, Now.AddYears(-1), Now.AddYears(4));
        var issuing = TestCa.Issued("Issuing CA", keys[2], newRoot, Now.AddYears(-1), Now.AddYears(3));
        var leaf = issuing.IssueServer($"CN={Host}", keys[3], [Host], Now.AddDays(-1), Now.AddDays(60));
        return (oldRoot, newRoot, cross, issuing, leaf);
    }

    private async Task<Examination> ExamineAsync(X509Certificate2 leaf, IReadOnlyList<string> intermediates, params TestCa[] trusted)
    {
        using var material = _host.Get<CertificateImporter>().Import(
            [ImportInput.FromText("server.crt", leaf.ExportCertificatePem(), ImportSlot.Certificate), ImportInput.FromText("chain.pem", string.Join('\n', intermediates), ImportSlot.Intermediates)],
            password: null);
        var options = new ChainValidationOptions { TrustedRoots = [.. trusted.Select(t => t.Certificate)], HostNames = [Host] };
        return await _host.Get<ChainDoctor>().ExamineChainAsync(material, options);
    }

    private static string Fingerprint(X509Certificate2 certificate) => CertManager.Core.Details.CertificateDetailsReader.FormatHex(certificate.GetCertHash(HashAlgorithmName.SHA256));

    private static string[] Fingerprints(params X509Certificate2[] certificates) => certificates.Select(Fingerprint).ToArray();

    private static string Describe(Examination examination) => string.Join(" | ", examination.Report.Problems.Select(p => $"{p.Code}: {p.Message}"));
}
