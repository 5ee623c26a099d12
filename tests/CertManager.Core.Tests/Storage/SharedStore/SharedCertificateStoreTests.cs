using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Certificates;
using CertManager.Core.Storage;
using CertManager.Core.Storage.SharedStore;
using CertManager.Core.Tests.Support;
using CertManager.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CertManager.Core.Tests.Storage.SharedStore;

/// <summary>
/// On a PostgreSQL store the versions and the active pointer are rows every node reads: a second node (another service
/// provider over the same database, with the same master key) sees what the first installed, and nothing lands in its data directory.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class SharedCertificateStoreTests : IDisposable
{
    private readonly CoreTestHost _host;
    private readonly PostgreSqlServer _postgreSql;
    private readonly TestPki _pki = new("Shared");

    public SharedCertificateStoreTests(PostgreSqlServer postgreSql)
    {
        _postgreSql = postgreSql;
        _host = CoreTestHost.Create(postgreSql: postgreSql);
    }

    public void Dispose()
    {
        _pki.Dispose();
        _host.Dispose();
    }

    private CertificateStore Store => _host.Get<CertificateStore>();

    [Fact]
    public void LoadActive_FirstStart_DefaultIsARowNotAFile()
    {
        using var loaded = Store.LoadActive();

        Assert.True(Store.IsShared);
        Assert.Equal(CertificateStore.DefaultVersion, loaded.Version);
        Assert.Equal(CertificateOrigin.SelfSignedDefault, loaded.Origin);
        Assert.True(loaded.Certificate.HasPrivateKey);
        Assert.Empty(Directory.GetFiles(new DataDirectory(_host.DataDirectory).CertificatesDirectory, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void LoadActive_SecondNodeOnTheSameDatabase_PresentsTheSameDefault()
    {
        using var first = Store.LoadActive();
        using var secondNode = _host.CreateProviderOverSameData();

        using var second = secondNode.GetRequiredService<CertificateStore>().LoadActive();

        Assert.Equal(Fingerprint(first), Fingerprint(second));
    }

    [Fact]
    public void Activate_InstalledOnOneNode_OtherNodeLoadsItWithItsKeyAndChain()
    {
        using var installed = IssueWithKey();
        var version = Store.WriteInstalledVersion(installed, [Intermediate], _host.Time.GetUtcNow(), new VersionProvenance("alice", _host.Time.GetUtcNow(), "upload"));
        Store.Activate(version);
        using var secondNode = _host.CreateProviderOverSameData();
        var otherStore = secondNode.GetRequiredService<CertificateStore>();

        using var loaded = otherStore.LoadActive();

        Assert.Equal(version, otherStore.ReadActiveVersion());
        Assert.Equal(installed.GetCertHashString(HashAlgorithmName.SHA256), Fingerprint(loaded));
        Assert.True(loaded.Certificate.HasPrivateKey);
        Assert.Equal(Intermediate.Subject, Assert.Single(loaded.Intermediates).Subject);
        Assert.Equal([version], otherStore.ListInstalledVersions());
        Assert.Equal("alice", otherStore.ReadProvenance(version)?.InstalledBy);
    }

    [Fact]
    public async Task Activate_OnOneNode_OtherNodeSwitchesOnTheNotificationWithoutItsPoll()
    {
        using var installed = IssueWithKey();
        var version = Store.WriteInstalledVersion(installed, [], _host.Time.GetUtcNow());
        await using var secondNode = _host.CreateProviderOverSameData();
        // The fake clock never moves, so the second node's one-second poll never runs: only a notification can switch it.
        var provider = secondNode.GetRequiredService<ServerCertificateProvider>();
        Assert.Equal(CertificateStore.DefaultVersion, provider.Current.Version);

        // Its listener connects in the background; activating again until it hears one bounds that start-up too.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (provider.Current.Version != version && waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            Store.Activate(version);
            await WaitAsync(() => provider.Current.Version == version, TimeSpan.FromMilliseconds(500));
        }

        Assert.Equal(version, provider.Current.Version);
        Assert.Equal(installed.GetCertHashString(HashAlgorithmName.SHA256), Fingerprint(provider.Current));
    }

    [Fact]
    public async Task AddRootAsync_OnOneNode_OtherNodeTrustsItAndNoFileIsWritten()
    {
        using var root = X509Certificate2.CreateFromPem(_pki.RootPem);
        await using var secondNode = _host.CreateProviderOverSameData();

        Assert.True((await _host.Get<CertManager.Core.Trust.TrustStore>().AddRootAsync(root, "alice")).Succeeded);

        Assert.Equal(root.Thumbprint, Assert.Single(secondNode.GetRequiredService<CertManager.Core.Trust.TrustStore>().GetConsoleRoots()).Thumbprint);
        Assert.False(File.Exists(new DataDirectory(_host.DataDirectory).TrustedRootsFile));
    }

    [Fact]
    public void WriteInstalledVersion_SameCertificateTwiceInOneSecond_GetsTwoVersions()
    {
        using var installed = IssueWithKey();

        var first = Store.WriteInstalledVersion(installed, [], _host.Time.GetUtcNow());
        var second = Store.WriteInstalledVersion(installed, [], _host.Time.GetUtcNow());

        Assert.Equal(first + "-2", second);
        Assert.Equal([second, first], Store.ListInstalledVersions());
    }

    [Fact]
    public void WriteInstalledVersion_KeyInTheRow_IsEncryptedNotPlaintext()
    {
        using var installed = IssueWithKey();
        var version = Store.WriteInstalledVersion(installed, [], _host.Time.GetUtcNow());
        using var rsa = installed.GetRSAPrivateKey()!;
        var prime = rsa.ExportParameters(includePrivateParameters: true).P!;

        var stored = ReadStoredKey(version);

        Assert.Equal("CMK1"u8.ToArray(), stored[..4]);
        Assert.Equal(-1, stored.AsSpan().IndexOf(rsa.ExportPkcs8PrivateKey()));
        Assert.Equal(-1, stored.AsSpan().IndexOf(prime));
    }

    [Fact]
    public async Task MigrateAsync_NodeWithAnotherMasterKey_RefusesNamingTheFileToCopy()
    {
        using (Store.LoadActive())
        {
        }

        using var otherDirectory = new TempDirectory("certmanager-node-b");
        await using var otherNode = _host.CreateProviderOverSameData(new Dictionary<string, string?> { ["CertManager:DataDirectory"] = otherDirectory.Path });

        var refused = await Assert.ThrowsAsync<MasterKeyMismatchException>(() => otherNode.GetRequiredService<DatabaseInitializer>().MigrateAsync());

        Assert.Contains(Path.Combine(otherDirectory.Path, "master.key"), refused.Message, StringComparison.Ordinal);
        Assert.Contains("same master key", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateAsync_NodeGivenTheSameMasterKeyFile_StartsAndPresentsTheStoredDefault()
    {
        using var first = Store.LoadActive();
        using var otherDirectory = new TempDirectory("certmanager-node-b");
        var other = new DataDirectory(otherDirectory.Path);
        other.EnsureCreated();
        File.Copy(new DataDirectory(_host.DataDirectory).MasterKeyFile, other.MasterKeyFile);
        await using var otherNode = _host.CreateProviderOverSameData(new Dictionary<string, string?> { ["CertManager:DataDirectory"] = otherDirectory.Path });

        await otherNode.GetRequiredService<DatabaseInitializer>().MigrateAsync();

        using var presented = otherNode.GetRequiredService<CertificateStore>().LoadActive();
        Assert.Equal(Fingerprint(first), Fingerprint(presented));
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan timeout)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition() && waited.Elapsed < timeout)
        {
            await Task.Delay(20);
        }
    }

    private byte[] ReadStoredKey(string version)
    {
        var connectionString = _host.Get<Microsoft.Extensions.Configuration.IConfiguration>()["CertManager:Database:ConnectionString"];
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT \"EncryptedKey\" FROM \"CertificateVersions\" WHERE \"Name\" = @name", connection);
        command.Parameters.AddWithValue("name", version);
        return (byte[])command.ExecuteScalar()!;
    }

    private X509Certificate2 Intermediate => X509Certificate2.CreateFromPem(_pki.IntermediatePem);

    private X509Certificate2 IssueWithKey()
    {
        var (certificatePath, keyPath) = _pki.IssueServer("node.example.test");
        return X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
    }

    private static string Fingerprint(ServerCertificate certificate) => certificate.Certificate.GetCertHashString(HashAlgorithmName.SHA256);
}
