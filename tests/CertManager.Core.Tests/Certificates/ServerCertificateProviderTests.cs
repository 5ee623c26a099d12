using System.Security.Cryptography;
using CertManager.Core.Certificates;
using CertManager.Core.Storage;
using CertManager.Core.Tests.Support;
using CertManager.Testing;
using Microsoft.Extensions.Logging;

namespace CertManager.Core.Tests.Certificates;

public sealed class ServerCertificateProviderTests : IDisposable
{
    private readonly CoreTestHost _host = CoreTestHost.Create();
    private readonly ListLogger<ServerCertificateProvider> _logger = new();
    private readonly ServerCertificateProvider _provider;
    private readonly DataDirectory _dataDirectory;

    public ServerCertificateProviderTests()
    {
        _dataDirectory = _host.Get<DataDirectory>();
        _provider = new ServerCertificateProvider(_host.Get<CertificateStore>(), _host.Time, _logger);
    }

    public void Dispose()
    {
        _provider.Dispose();
        _host.Dispose();
    }

    private string DefaultFingerprint => Fingerprint(_host.Get<CertificateStore>().LoadOrCreateDefault());

    [Fact]
    public void Current_FreshDataDirectory_PresentsTheSelfSignedDefault()
    {
        Assert.Equal(CertificateStore.DefaultVersion, _provider.Current.Version);
        Assert.Equal(CertificateOrigin.SelfSignedDefault, _provider.Current.Origin);
        Assert.Equal("CN=console.example.test", _provider.Current.Certificate.Subject);
    }

    [Fact]
    public void Poll_PointerUnchanged_KeepsTheSameCertificateAndRaisesNothing()
    {
        var before = _provider.Current;
        var changes = 0;
        _provider.Changed += _ => changes++;

        _host.Time.Advance(ServerCertificateProvider.PollInterval * 5);

        Assert.Same(before, _provider.Current);
        Assert.Equal(0, changes);
        Assert.Empty(_logger.Entries);
    }

    // Writes the data directory's active pointer file, which only a SQLite console keeps (a shared store keeps a row).
    [Trait(TestDatabase.SqliteOnlyTrait, TestDatabase.SqliteOnly)]
    [Fact]
    public void Poll_PointerNamesMissingVersion_KeepsCurrentCertificateAndLogsError()
    {
        var before = _provider.Current;
        File.WriteAllText(_dataDirectory.ActivePointerFile, "20261126-missing");

        _host.Time.Advance(ServerCertificateProvider.PollInterval);

        Assert.Same(before, _provider.Current);
        var entry = Assert.Single(_logger.Entries, e => e.Level == LogLevel.Error);
        Assert.Equal(1102, entry.EventId.Id);
        Assert.IsType<InvalidDataException>(entry.Exception);
        Assert.Contains("20261126-missing", entry.Exception!.Message, StringComparison.Ordinal);
    }

    // Writes the data directory's active pointer file, which only a SQLite console keeps (a shared store keeps a row).
    [Trait(TestDatabase.SqliteOnlyTrait, TestDatabase.SqliteOnly)]
    [Fact]
    public void Poll_PointerNamesInstalledVersion_PresentsItAndRaisesChanged()
    {
        InstallOtherCertificate("20261126-120000");
        ServerCertificate? raised = null;
        _provider.Changed += certificate => raised = certificate;
        File.WriteAllText(_dataDirectory.ActivePointerFile, "20261126-120000");

        _host.Time.Advance(ServerCertificateProvider.PollInterval - TimeSpan.FromMilliseconds(1));
        Assert.Equal(CertificateStore.DefaultVersion, _provider.Current.Version);
        _host.Time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal("20261126-120000", _provider.Current.Version);
        Assert.Equal(CertificateOrigin.ThirdParty, _provider.Current.Origin);
        Assert.Equal("CN=other.example.test", _provider.Current.Certificate.Subject);
        Assert.Same(_provider.Current, raised);
        Assert.Contains(_logger.Entries, e => e.EventId.Id == 1101 && e.Message.Contains("20261126-120000", StringComparison.Ordinal));
    }

    // Writes the data directory's active pointer file, which only a SQLite console keeps (a shared store keeps a row).
    [Trait(TestDatabase.SqliteOnlyTrait, TestDatabase.SqliteOnly)]
    [Fact]
    public void Reload_PointerBackToDefault_PresentsTheSameDefaultAgain()
    {
        var defaultFingerprint = DefaultFingerprint;
        InstallOtherCertificate("20261126-120000");
        File.WriteAllText(_dataDirectory.ActivePointerFile, "20261126-120000");
        _provider.Reload();
        Assert.NotEqual(defaultFingerprint, Fingerprint(_provider.Current));

        File.WriteAllText(_dataDirectory.ActivePointerFile, CertificateStore.DefaultVersion);
        _provider.Reload();

        Assert.Equal(CertificateStore.DefaultVersion, _provider.Current.Version);
        Assert.Equal(CertificateOrigin.SelfSignedDefault, _provider.Current.Origin);
        Assert.Equal(defaultFingerprint, Fingerprint(_provider.Current));
    }

    // Writes the data directory's active pointer file, which only a SQLite console keeps (a shared store keeps a row).
    [Trait(TestDatabase.SqliteOnlyTrait, TestDatabase.SqliteOnly)]
    [Fact]
    public void Poll_BrokenPointerThenFixed_RecoversOnTheNextPoll()
    {
        InstallOtherCertificate("20261126-120000");
        File.WriteAllText(_dataDirectory.ActivePointerFile, "../outside");
        _host.Time.Advance(ServerCertificateProvider.PollInterval);
        Assert.Equal(CertificateStore.DefaultVersion, _provider.Current.Version);

        File.WriteAllText(_dataDirectory.ActivePointerFile, "20261126-120000");
        _host.Time.Advance(ServerCertificateProvider.PollInterval);

        Assert.Equal("20261126-120000", _provider.Current.Version);
    }

    /// <summary>
    /// Writes an installed version folder as an install would: the self-signed default of another data directory,
    /// encrypted under this directory's master key, copied in under <paramref name="version"/>.
    /// </summary>
    private void InstallOtherCertificate(string version)
    {
        using var otherDirectory = new TempDirectory("certmanager-other");
        var other = new DataDirectory(otherDirectory.Path);
        other.EnsureCreated();
        using (TestStores.Open(other, _host.Get<KeyProtector>(), _host.Time, "other.example.test").LoadOrCreateDefault())
        {
        }

        TestStores.CopyVersionFolder(other.DefaultCertificateDirectory, Path.Combine(_dataDirectory.InstalledCertificatesDirectory, version));
    }

    private static string Fingerprint(ServerCertificate certificate) => certificate.Certificate.GetCertHashString(HashAlgorithmName.SHA256);
}
