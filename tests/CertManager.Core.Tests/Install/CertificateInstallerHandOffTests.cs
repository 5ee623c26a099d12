using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Certificates;
using CertManager.Core.Chain;
using CertManager.Core.Events;
using CertManager.Core.Import;
using CertManager.Core.Install;
using CertManager.Core.Storage;
using CertManager.Testing;
using Microsoft.EntityFrameworkCore;

namespace CertManager.Core.Tests.Install;

/// <summary>What an install leaves behind: the deploy directory, reload command events, the store's versions, rollback.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class CertificateInstallerHandOffTests : IDisposable
{
    private const string Host = "console.example.test";
    private readonly TempDirectory _deploy = new("certmanager-deploy");
    private readonly TestPki _pki = new("HandOff");
    private readonly CoreTestHost _host;

    public CertificateInstallerHandOffTests()
    {
        _host = CoreTestHost.Create(
            new Dictionary<string, string?>
            {
                ["CertManager:Install:DeployDirectory"] = Path.Combine(_deploy.Path, "tls"),
                ["CertManager:Install:ReloadCommands:0:FileName"] = "/bin/sh",
                ["CertManager:Install:ReloadCommands:0:Arguments:0"] = "-c",
                ["CertManager:Install:ReloadCommands:0:Arguments:1"] = "echo reloaded",
                ["CertManager:Install:ReloadCommands:1:FileName"] = "/bin/sh",
                ["CertManager:Install:ReloadCommands:1:Arguments:0"] = "-c",
                ["CertManager:Install:ReloadCommands:1:Arguments:1"] = "echo reloaded; echo broken >&2; exit 3",
            },
            now: DateTimeOffset.UtcNow.AddMinutes(5));
    }

    private string DeployDirectory => Path.Combine(_deploy.Path, "tls");

    public void Dispose()
    {
        _host.Dispose();
        _pki.Dispose();
        _deploy.Dispose();
    }

    [Fact]
    public async Task InstallAsync_DeployDirectory_WritesCertbotLayoutWithAPrivateKeyThatMatches()
    {
        var (leaf, key) = _pki.IssueServer(Host);

        Assert.True((await InstallAsync(leaf, key)).Succeeded);

        var files = Directory.GetFiles(DeployDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(["cert.pem", "chain.pem", "fullchain.pem", "privkey.pem"], files);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(DeployDirectory, "privkey.pem")));
        var fromKey = _pki.Run("pkey", "-in", Path.Combine(DeployDirectory, "privkey.pem"), "-pubout");
        var fromCertificate = _pki.Run("x509", "-in", Path.Combine(DeployDirectory, "cert.pem"), "-noout", "-pubkey");
        Assert.Equal(fromCertificate, fromKey);
        Assert.Equal(_pki.Run("x509", "-in", leaf, "-noout", "-fingerprint", "-sha256"), _pki.Run("x509", "-in", Path.Combine(DeployDirectory, "cert.pem"), "-noout", "-fingerprint", "-sha256"));
        Assert.Equal(NormalizedPem(_pki.IntermediatePem), NormalizedPem(File.ReadAllText(Path.Combine(DeployDirectory, "chain.pem"))));
        Assert.Equal(
            NormalizedPem(File.ReadAllText(leaf) + _pki.IntermediatePem),
            NormalizedPem(File.ReadAllText(Path.Combine(DeployDirectory, "fullchain.pem"))));
        // openssl accepts the deployed files together, as nginx would use them.
        var verified = _pki.Run("verify", "-CAfile", _pki.RootPath, "-untrusted", Path.Combine(DeployDirectory, "chain.pem"), Path.Combine(DeployDirectory, "cert.pem"));
        Assert.Contains(": OK", verified, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstallAsync_ReloadCommands_RecordEachExitStatusAndOutput()
    {
        var (leaf, key) = _pki.IssueServer(Host);

        Assert.True((await InstallAsync(leaf, key)).Succeeded);

        var events = await _host.Get<EventRecorder>().ListRecentAsync(20);
        var succeeded = Assert.Single(events, e => e.Message.StartsWith("Reload command '/bin/sh -c echo reloaded' succeeded", StringComparison.Ordinal));
        Assert.Equal(EventSeverity.Info, succeeded.Severity);
        Assert.Contains("Output: reloaded", succeeded.Message, StringComparison.Ordinal);
        var failed = Assert.Single(events, e => e.Message.Contains("failed with exit status 3", StringComparison.Ordinal));
        Assert.Equal(EventSeverity.Minor, failed.Severity);
        Assert.Contains("reloaded broken", failed.Message, StringComparison.Ordinal);
        Assert.Equal("alice", failed.Actor);
    }

    [Fact]
    public async Task InstallAsync_ExaminationWithErrors_ChangesNothingOnDisk()
    {
        var (leaf, _) = _pki.IssueServer(Host);
        var (_, otherKey) = _pki.IssueServer("other.example.test");
        var store = _host.Get<CertificateStore>();
        var dataDirectory = _host.Get<DataDirectory>();
        var presented = _host.Get<ServerCertificateProvider>().Current.Certificate.GetCertHashString(HashAlgorithmName.SHA256);
        var activeBefore = store.ReadActiveVersion();
        var pointerBefore = File.Exists(dataDirectory.ActivePointerFile) ? File.ReadAllText(dataDirectory.ActivePointerFile) : null;

        var installed = await InstallAsync(leaf, otherKey);

        Assert.False(installed.Succeeded);
        Assert.Contains(installed.Problems, p => p.Code == "key.mismatch");
        Assert.Equal(activeBefore, store.ReadActiveVersion());
        Assert.Equal(pointerBefore, File.Exists(dataDirectory.ActivePointerFile) ? File.ReadAllText(dataDirectory.ActivePointerFile) : null);
        Assert.Empty(store.ListInstalledVersions());
        Assert.False(Directory.Exists(dataDirectory.InstalledCertificatesDirectory) && Directory.EnumerateFileSystemEntries(dataDirectory.InstalledCertificatesDirectory).Any());
        Assert.False(Directory.Exists(DeployDirectory));
        Assert.Equal(presented, _host.Get<ServerCertificateProvider>().Current.Certificate.GetCertHashString(HashAlgorithmName.SHA256));
        Assert.DoesNotContain(await _host.Get<EventRecorder>().ListRecentAsync(20), e => e.Source == "install");
    }

    [Fact]
    public async Task ActivateVersionAsync_EarlierVersion_IsPresentedAndDeployedAgain()
    {
        var (firstLeaf, firstKey) = _pki.IssueServer(Host);
        var (secondLeaf, secondKey) = _pki.IssueServer(Host);
        var first = await InstallAsync(firstLeaf, firstKey);
        _host.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await InstallAsync(secondLeaf, secondKey);
        var provider = _host.Get<ServerCertificateProvider>();
        Assert.Equal(second.Value.Version, provider.Current.Version);

        var rolledBack = await _host.Get<CertificateInstaller>().ActivateVersionAsync(first.Value.Version, "alice");

        Assert.True(rolledBack.Succeeded);
        Assert.Equal(first.Value.Version, provider.Current.Version);
        Assert.Equal(Fingerprint(firstLeaf), provider.Current.Certificate.GetCertHashString(HashAlgorithmName.SHA256));
        Assert.True(provider.Current.Certificate.HasPrivateKey);
        Assert.Equal(Fingerprint(firstLeaf), Fingerprint(Path.Combine(DeployDirectory, "cert.pem")));
        Assert.Equal([second.Value.Version, first.Value.Version], _host.Get<CertificateStore>().ListInstalledVersions());
    }

    [Fact]
    public async Task ActivateVersionAsync_UnknownVersion_ReportsItAndKeepsTheCurrentOne()
    {
        var before = _host.Get<ServerCertificateProvider>().Current.Version;

        var result = await _host.Get<CertificateInstaller>().ActivateVersionAsync("20990101T000000Z-000000000000", "alice");

        Assert.Equal("install.unknown-version", Assert.Single(result.Problems).Code);
        Assert.Equal(before, _host.Get<ServerCertificateProvider>().Current.Version);
    }

    [Fact]
    public async Task InstallAsync_NewCertificate_IsPresentedRightAfterInstallWithoutAPoll()
    {
        var (leaf, key) = _pki.IssueServer(Host);
        var provider = _host.Get<ServerCertificateProvider>();
        Assert.Equal(CertificateOrigin.SelfSignedDefault, provider.Current.Origin);

        var installed = await InstallAsync(leaf, key);

        // No time advanced: the provider follows the store's ActiveVersionChanged, not its poll timer.
        Assert.Equal(installed.Value.Version, provider.Current.Version);
        Assert.Equal(Fingerprint(leaf), provider.Current.Certificate.GetCertHashString(HashAlgorithmName.SHA256));
        Assert.Equal(CertificateOrigin.ThirdParty, provider.Current.Origin);
    }

    // The refusing database is a SQLite trigger.
    [Trait(TestDatabase.SqliteOnlyTrait, TestDatabase.SqliteOnly)]
    [Fact]
    public async Task InstallAsync_DatabaseRefusesTheInstallEvent_InstallSucceedsAndDeploysAndReloadsAnyway()
    {
        var (leaf, key) = _pki.IssueServer(Host);
        // The database refuses the "installed" event (as one locked beyond its busy timeout would); other events pass.
        await ExecuteSqlAsync("CREATE TRIGGER refuse_installed_event BEFORE INSERT ON Events WHEN NEW.Message LIKE '%installed as version%' BEGIN SELECT RAISE(ABORT, 'refused'); END");

        var installed = await InstallAsync(leaf, key);

        Assert.True(installed.Succeeded);
        Assert.Equal(installed.Value.Version, _host.Get<ServerCertificateProvider>().Current.Version);
        Assert.Equal(Fingerprint(leaf), Fingerprint(Path.Combine(DeployDirectory, "cert.pem")));
        var events = await _host.Get<EventRecorder>().ListRecentAsync(20);
        Assert.Contains(events, e => e.Message.StartsWith("Reload command '/bin/sh -c echo reloaded' succeeded", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Message.StartsWith("Certificate files written to", StringComparison.Ordinal));
        Assert.DoesNotContain(events, e => e.Message.Contains("installed as version", StringComparison.Ordinal));
    }

    // Version folders in the data directory are a SQLite console's (a shared store writes each version as one row).
    [Trait(TestDatabase.SqliteOnlyTrait, TestDatabase.SqliteOnly)]
    [Fact]
    public async Task InstallAsync_Twice_LeavesNoStagingFolderBehind()
    {
        var (leaf, key) = _pki.IssueServer(Host);
        Assert.True((await InstallAsync(leaf, key)).Succeeded);
        Assert.True((await InstallAsync(leaf, key)).Succeeded);

        var folders = Directory.GetDirectories(_host.Get<DataDirectory>().InstalledCertificatesDirectory).Select(Path.GetFileName).ToList();

        Assert.Equal(2, folders.Count);
        Assert.DoesNotContain(folders, f => f!.StartsWith('.'));
    }

    [Fact]
    public void WriteInstalledVersion_CertificateWithoutKey_ThrowsAndLeavesNoStagingFolder()
    {
        var (leaf, _) = _pki.IssueServer(Host);
        using var publicOnly = X509Certificate2.CreateFromPem(File.ReadAllText(leaf));
        var store = _host.Get<CertificateStore>();

        Assert.Throws<ArgumentException>(() => store.WriteInstalledVersion(publicOnly, [], _host.Time.GetUtcNow()));

        var installed = _host.Get<DataDirectory>().InstalledCertificatesDirectory;
        Assert.False(Directory.Exists(installed) && Directory.EnumerateFileSystemEntries(installed).Any());
    }

    private async Task<Results.Result<InstalledCertificate>> InstallAsync(string leafPath, string keyPath)
    {
        using var material = _host.Get<CertificateImporter>().Import(
            [ImportInput.FromText("server.crt", File.ReadAllText(leafPath), ImportSlot.Certificate),
             ImportInput.FromText("chain.pem", _pki.IntermediatePem, ImportSlot.Intermediates),
             ImportInput.FromText("server.key", File.ReadAllText(keyPath), ImportSlot.PrivateKey)],
            password: null);
        using var examination = await _host.Get<ChainDoctor>().ExamineForInstallAsync(material);
        return await _host.Get<CertificateInstaller>().InstallAsync(examination, warningsConfirmed: true, "alice");
    }

    private static string Fingerprint(string pemPath)
    {
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(pemPath));
        return certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }

    private async Task ExecuteSqlAsync(string sql)
    {
        await using var context = await _host.Get<IDbContextFactory<CertManagerDbContext>>().CreateDbContextAsync();
        await context.Database.ExecuteSqlRawAsync(sql);
    }

    private static string NormalizedPem(string pem) => string.Join('\n', pem.ReplaceLineEndings("\n").Split('\n').Where(l => l.Length > 0));
}
