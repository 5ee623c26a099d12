using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Chain;
using CertManager.Core.Import;
using CertManager.Core.Trust;
using CertManager.Core.Tests.Support;
using CertManager.Testing;

namespace CertManager.Core.Tests.Trust;

public abstract class TrustStoreTests(PostgreSqlServer? postgreSql) : IDisposable
{
    private readonly CoreTestHost _host = CoreTestHost.Create(now: DateTimeOffset.UtcNow.AddMinutes(5), postgreSql: postgreSql);
    private readonly TestPki _pki = new("Enterprise");

    public void Dispose()
    {
        _pki.Dispose();
        _host.Dispose();
    }

    [Fact]
    public async Task AddRootAsync_EnterpriseRoot_ChainBecomesValidWithoutRootWarnings()
    {
        var (leaf, _) = _pki.IssueServer("console.example.test");
        using var before = await ExamineAsync(leaf);
        Assert.False(before.Report.PathValid);
        Assert.Contains(before.Report.Problems, p => p.Code == "chain.root-not-found");
        using var root = X509Certificate2.CreateFromPem(_pki.RootPem);

        var added = await _host.Get<TrustStore>().AddRootAsync(root, "alice");

        Assert.True(added.Succeeded);
        using var after = await ExamineAsync(leaf);
        Assert.True(after.Report.PathValid);
        Assert.DoesNotContain(after.Report.Problems, p => p.Code is "chain.root-untrusted" or "chain.root-not-found");
        Assert.Empty(after.Report.Problems);
        Assert.Equal(["Server", "Intermediate", "Root"], after.Report.Chain.Select(l => l.Role.ToString()));
        Assert.Equal("trust store", after.Report.Chain[^1].Certificate.Source);
    }

    [Fact]
    public async Task AddRootAsync_SameRootTwice_KeepsOneCopy()
    {
        using var root = X509Certificate2.CreateFromPem(_pki.RootPem);
        var store = _host.Get<TrustStore>();

        var first = await store.AddRootAsync(root, "alice");
        var second = await store.AddRootAsync(root, "alice");

        Assert.Equal(first.Value, second.Value);
        Assert.Single(store.GetConsoleRoots());
    }

    [Fact]
    public async Task RemoveRootAsync_AddedRoot_IsGoneAndTheChainIsUntrustedAgain()
    {
        var (leaf, _) = _pki.IssueServer("console.example.test");
        using var root = X509Certificate2.CreateFromPem(_pki.RootPem);
        var store = _host.Get<TrustStore>();
        var added = await store.AddRootAsync(root, "alice");

        var removed = await store.RemoveRootAsync(CertManager.Core.Details.CertificateDetailsReader.FormatHex(Convert.FromHexString(added.Value)), "alice");

        Assert.True(removed.Succeeded);
        Assert.Empty(store.GetConsoleRoots());
        using var after = await ExamineAsync(leaf);
        Assert.False(after.Report.PathValid);
    }

    [Fact]
    public async Task RemoveRootAsync_UnknownFingerprint_SaysItIsNotTrusted()
    {
        var removed = await _host.Get<TrustStore>().RemoveRootAsync("AB:CD", "alice");

        Assert.Equal("trust.not-trusted", Assert.Single(removed.Problems).Code);
    }

    [Fact]
    public async Task AddRootAsync_Intermediate_IsRefusedAsNotARoot()
    {
        using var intermediate = X509Certificate2.CreateFromPem(_pki.IntermediatePem);

        var added = await _host.Get<TrustStore>().AddRootAsync(intermediate, "alice");

        Assert.False(added.Succeeded);
        Assert.Equal("trust.not-a-root", Assert.Single(added.Problems).Code);
        Assert.Empty(_host.Get<TrustStore>().GetConsoleRoots());
    }

    private async Task<Examination> ExamineAsync(string leafPath)
    {
        using var material = _host.Get<CertificateImporter>().Import(
            [ImportInput.FromText("server.crt", File.ReadAllText(leafPath), ImportSlot.Certificate), ImportInput.FromText("chain.pem", _pki.IntermediatePem, ImportSlot.Intermediates)],
            password: null);
        return await _host.Get<ChainDoctor>().ExamineChainAsync(material);
    }
}

/// <summary>The tests above with <c>trusted-roots.pem</c> in the data directory.</summary>
public sealed class TrustStoreSqliteTests() : TrustStoreTests(null);

/// <summary>The tests above with the roots as rows of a PostgreSQL database.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class TrustStorePostgreSqlTests(PostgreSqlServer postgreSql) : TrustStoreTests(postgreSql);
