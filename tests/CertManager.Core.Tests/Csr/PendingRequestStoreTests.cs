using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Csr;
using CertManager.Core.Events;
using CertManager.Core.Storage;
using CertManager.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Core.Tests.Csr;

public sealed class PendingRequestStoreTests : IDisposable
{
    private readonly CoreTestHost _host = CoreTestHost.Create();
    private readonly TempDirectory _work = new("csr-test");

    private CsrGenerator Generator => _host.Get<CsrGenerator>();

    private PendingRequestStore Store => _host.Get<PendingRequestStore>();

    public void Dispose()
    {
        _host.Dispose();
        _work.Dispose();
    }

    [Fact]
    public async Task FindMatchingAsync_CertificateIssuedByCaForTheCsr_FindsItsPendingRequest()
    {
        await Generator.GenerateAsync(CsrForms.Minimal("other.example.com"), "alice");
        var generated = (await Generator.GenerateAsync(CsrForms.Full, "alice")).Value;
        using var issued = OpenSslCsr.SignWithNewCa(_work, OpenSslCsr.WriteCsr(_work, generated.Pem));

        var match = await Store.FindMatchingAsync(issued);

        Assert.Equal(generated.PendingRequestId, match?.Id);
        Assert.Equal(
            ["DNS:server.example.com", "DNS:www.example.com", "IP:192.168.1.10"],
            CertificateDetailsAlternateNames(issued));
    }

    [Fact]
    public async Task LoadMatchingKeyAsync_IssuedCertificate_KeyPairsWithCertificate()
    {
        var generated = (await Generator.GenerateAsync(CsrForms.Full, "alice")).Value;
        using var issued = OpenSslCsr.SignWithNewCa(_work, OpenSslCsr.WriteCsr(_work, generated.Pem));

        using var pending = await Store.LoadMatchingKeyAsync(issued);

        Assert.NotNull(pending);
        Assert.Equal(generated.PendingRequestId, pending.Request.Id);
        var rsa = Assert.IsAssignableFrom<RSA>(pending.Key);
        using var withKey = issued.CopyWithPrivateKey(rsa);
        var data = "proof of possession"u8.ToArray();
        using var publicKey = issued.GetRSAPublicKey()!;
        Assert.True(publicKey.VerifyData(data, rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public async Task FindMatchingAsync_CertificateForAnotherKey_ReturnsNull()
    {
        var generated = (await Generator.GenerateAsync(CsrForms.Full, "alice")).Value;
        OpenSslCsr.SignWithNewCa(_work, OpenSslCsr.WriteCsr(_work, generated.Pem)).Dispose();
        using var ca = OpenSslCsr.LoadCa(_work);

        Assert.Null(await Store.FindMatchingAsync(ca));
        Assert.Null(await Store.LoadMatchingKeyAsync(ca));
    }

    [Fact]
    public async Task ListPendingAsync_NewServiceProviderOverSameData_PendingKeySurvives()
    {
        var generated = (await Generator.GenerateAsync(CsrForms.Full, "alice")).Value;
        using var issued = OpenSslCsr.SignWithNewCa(_work, OpenSslCsr.WriteCsr(_work, generated.Pem));

        await using (var restarted = _host.CreateProviderOverSameData())
        {
            var store = restarted.GetRequiredService<PendingRequestStore>();
            var pending = Assert.Single(await store.ListPendingAsync());
            Assert.Equal(generated.PendingRequestId, pending.Id);
            Assert.Equal(generated.Pem, (await store.GetCsrPemAsync(pending.Id)).Value);
            using var key = await store.LoadMatchingKeyAsync(issued);
            Assert.NotNull(key);
        }
    }

    // Searches the SQLite database file's bytes for the key.
    [Trait(TestDatabase.SqliteOnlyTrait, TestDatabase.SqliteOnly)]
    [Fact]
    public async Task GenerateAsync_StoredKeyColumn_HoldsNoPlaintextKey()
    {
        var generated = (await Generator.GenerateAsync(CsrForms.Full, "alice")).Value;
        using var issued = OpenSslCsr.SignWithNewCa(_work, OpenSslCsr.WriteCsr(_work, generated.Pem));
        using var pending = await Store.LoadMatchingKeyAsync(issued);
        var pkcs8 = pending!.Key.ExportPkcs8PrivateKey();
        var privateExponent = Assert.IsAssignableFrom<RSA>(pending.Key).ExportParameters(includePrivateParameters: true).D!;

        var stored = ReadStoredKey(generated.PendingRequestId);
        SqliteConnection.ClearAllPools();
        var databaseFile = await File.ReadAllBytesAsync(_host.Get<DataDirectory>().DatabaseFile);

        Assert.True(stored.AsSpan().StartsWith("CMK1"u8), "the key is stored in the KeyProtector format");
        Assert.True(stored.AsSpan().IndexOf(pkcs8) < 0, "the PKCS#8 DER is not in the column");
        Assert.True(stored.AsSpan().IndexOf(privateExponent) < 0, "the private exponent is not in the column");
        Assert.True(databaseFile.AsSpan().IndexOf(privateExponent) < 0, "the private exponent is nowhere in the database file");
        Assert.DoesNotContain("PRIVATE KEY", System.Text.Encoding.Latin1.GetString(databaseFile));
    }

    [Fact]
    public async Task DiscardAsync_PendingRequest_GoneFromListPemAndMatchAndKeyDeleted()
    {
        var generated = (await Generator.GenerateAsync(CsrForms.Full, "alice")).Value;
        var kept = (await Generator.GenerateAsync(CsrForms.Minimal("kept.example.com"), "alice")).Value;
        using var issued = OpenSslCsr.SignWithNewCa(_work, OpenSslCsr.WriteCsr(_work, generated.Pem));

        var discarded = await Store.DiscardAsync(generated.PendingRequestId, "bob");

        Assert.True(discarded.Succeeded);
        Assert.Equal([kept.PendingRequestId], (await Store.ListPendingAsync()).Select(p => p.Id));
        Assert.Equal("csr.pending-not-found", (await Store.GetCsrPemAsync(generated.PendingRequestId)).Problems[0].Code);
        Assert.Null(await Store.FindMatchingAsync(issued));
        Assert.Empty(ReadStoredKey(generated.PendingRequestId));
        var recorded = (await _host.Get<EventRecorder>().ListRecentAsync(1))[0];
        Assert.Equal(("csr", "bob"), (recorded.Source, recorded.Actor));
        Assert.Contains("discarded", recorded.Message);
    }

    [Fact]
    public async Task DiscardAsync_AlreadyDiscardedOrUnknown_PendingNotFound()
    {
        var generated = (await Generator.GenerateAsync(CsrForms.Minimal(), "alice")).Value;
        await Store.DiscardAsync(generated.PendingRequestId, "bob");

        Assert.Equal("csr.pending-not-found", (await Store.DiscardAsync(generated.PendingRequestId, "bob")).Problems[0].Code);
        Assert.Equal("csr.pending-not-found", (await Store.DiscardAsync(9999, "bob")).Problems[0].Code);
        Assert.Equal("csr.pending-not-found", (await Store.GetAsync(9999)).Problems[0].Code);
    }

    [Fact]
    public async Task ListPendingAsync_SeveralGenerated_EarlierKeysKeptNewestFirst()
    {
        var first = (await Generator.GenerateAsync(CsrForms.Minimal("one.example.com"), "alice")).Value;
        _host.Time.Advance(TimeSpan.FromDays(1));
        var second = (await Generator.GenerateAsync(CsrForms.Minimal("two.example.com"), "alice")).Value;

        var pending = await Store.ListPendingAsync();

        Assert.Equal([second.PendingRequestId, first.PendingRequestId], pending.Select(p => p.Id));
        Assert.Equal(_host.Time.GetUtcNow().AddDays(-1), pending[1].Created);
    }

    [Fact]
    public async Task GetLastFormAsync_FirstUse_CommonNameIsHostFqdnWithDefaults()
    {
        var form = await Store.GetLastFormAsync();

        Assert.Equal("console.example.test", form.CommonName);
        Assert.Equal((2048, CsrHashAlgorithm.Sha256), (form.KeySize, form.Hash));
        Assert.Empty(form.AlternateNames);
        Assert.Null(form.Country);
    }

    [Fact]
    public async Task GetLastFormAsync_AfterGenerations_ReturnsLastFormNormalised()
    {
        await Generator.GenerateAsync(CsrForms.Minimal("old.example.com"), "alice");
        var entered = CsrForms.Full with { Country = "ca", State = " Ontario ", AlternateNames = ["www.example.com", "", "bücher.example"], KeySize = 3072, Hash = CsrHashAlgorithm.Sha384 };
        var generated = await Generator.GenerateAsync(entered, "alice");
        Assert.True(generated.Succeeded);

        var form = await Store.GetLastFormAsync();

        Assert.Equal(("CA", "Ontario", "Toronto", "Example Inc.", "IT", "server.example.com"), (form.Country, form.State, form.Locality, form.Organization, form.OrganizationalUnit, form.CommonName));
        Assert.Equal(["www.example.com", "bücher.example"], form.AlternateNames);
        Assert.Equal((3072, CsrHashAlgorithm.Sha384), (form.KeySize, form.Hash));
    }

    [Fact]
    public async Task GetLastFormAsync_LastRequestDiscarded_StillPrefillsItsValues()
    {
        var generated = (await Generator.GenerateAsync(CsrForms.Full, "alice")).Value;
        await Store.DiscardAsync(generated.PendingRequestId, "alice");

        Assert.Equal("Example Inc.", (await Store.GetLastFormAsync()).Organization);
    }

    /// <summary>The key column as the database holds it, on whichever engine the test run uses.</summary>
    private byte[] ReadStoredKey(long id)
    {
        using var context = _host.Get<IDbContextFactory<CertManagerDbContext>>().CreateDbContext();
        return context.PendingRequests.AsNoTracking().Where(r => r.Id == id).Select(r => r.EncryptedPrivateKey).Single();
    }

    private static List<string> CertificateDetailsAlternateNames(X509Certificate2 certificate) =>
        CertManager.Core.Details.AlternativeNameReader.Read(certificate).Select(n => n.ToString()).ToList();
}
