using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Certificates;
using CertManager.Core.Storage;
using CertManager.Core.Tests.Support;
using CertManager.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CertManager.Core.Tests.Storage;

// File modes are the Unix permission bits the console relies on; Windows uses ACLs instead.
[UnsupportedOSPlatform("windows")]
public sealed class CertificateStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new("certmanager-store");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private readonly DataDirectory _dataDirectory;

    public CertificateStoreTests() => _dataDirectory = new DataDirectory(_directory.Path);

    public void Dispose() => _directory.Dispose();

    private string DefaultCertificateFile => Path.Combine(_dataDirectory.DefaultCertificateDirectory, "certificate.pem");

    private string DefaultKeyFile => Path.Combine(_dataDirectory.DefaultCertificateDirectory, "private-key.enc");

    [Fact]
    public void LoadActive_FirstStart_CreatesSelfSignedDefaultWithItsKey()
    {
        using var loaded = TestStores.Open(_directory.Path, _time).LoadActive();

        Assert.Equal(CertificateStore.DefaultVersion, loaded.Version);
        Assert.Equal(CertificateOrigin.SelfSignedDefault, loaded.Origin);
        Assert.Equal("CN=console.example.test", loaded.Certificate.Subject);
        Assert.True(loaded.Certificate.HasPrivateKey);
        Assert.Empty(loaded.Intermediates);
        Assert.True(File.Exists(DefaultCertificateFile));
        Assert.True(File.Exists(DefaultKeyFile));
    }

    [Fact]
    public void LoadActive_FirstStart_FilesMode0600InFolderMode0700()
    {
        using var loaded = TestStores.Open(_directory.Path, _time).LoadActive();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_dataDirectory.DefaultCertificateDirectory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(DefaultCertificateFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(DefaultKeyFile));
    }

    [Fact]
    public void LoadActive_SecondStoreOverSameDirectory_ReusesTheDefaultNeverRegenerates()
    {
        string firstFingerprint;
        using (var first = TestStores.Open(_directory.Path, _time).LoadActive())
        {
            firstFingerprint = first.Certificate.GetCertHashString(HashAlgorithmName.SHA256);
        }

        var keyFileBefore = File.ReadAllBytes(DefaultKeyFile);
        _time.Advance(TimeSpan.FromDays(400));

        // A restart, or certman in another process: new master key load, new store, another host name even.
        using var second = TestStores.Open(_directory.Path, _time, hostName: "renamed.example.test").LoadActive();

        Assert.Equal(firstFingerprint, second.Certificate.GetCertHashString(HashAlgorithmName.SHA256));
        Assert.Equal(keyFileBefore, File.ReadAllBytes(DefaultKeyFile));
        Assert.True(SignatureRoundTrips(second.Certificate));
    }

    [Fact]
    public void LoadActive_DefaultKeyFile_HoldsNoPlaintextKeyMaterial()
    {
        using var loaded = TestStores.Open(_directory.Path, _time).LoadActive();
        using var rsa = loaded.Certificate.GetRSAPrivateKey()!;
        var pkcs8 = rsa.ExportPkcs8PrivateKey();
        var prime = rsa.ExportParameters(includePrivateParameters: true).P!;

        var onDisk = File.ReadAllBytes(DefaultKeyFile);

        Assert.Equal("CMK1"u8.ToArray(), onDisk[..4]);
        Assert.Equal(-1, onDisk.AsSpan().IndexOf(pkcs8));
        Assert.Equal(-1, onDisk.AsSpan().IndexOf(prime));
        Assert.Equal(-1, onDisk.AsSpan().IndexOf("PRIVATE KEY"u8));
    }

    [Fact]
    public void LoadActive_DefaultKeyDeleted_ThrowsInvalidDataExceptionWithoutRegenerating()
    {
        using (TestStores.Open(_directory.Path, _time).LoadActive())
        {
        }

        var certificateBefore = File.ReadAllText(DefaultCertificateFile);
        File.Delete(DefaultKeyFile);

        var exception = Assert.Throws<InvalidDataException>(() => TestStores.Open(_directory.Path, _time).LoadActive());

        Assert.Contains("incomplete", exception.Message, StringComparison.Ordinal);
        Assert.Contains(_dataDirectory.DefaultCertificateDirectory, exception.Message, StringComparison.Ordinal);
        Assert.Equal(certificateBefore, File.ReadAllText(DefaultCertificateFile));
        Assert.False(File.Exists(DefaultKeyFile));
    }

    [Fact]
    public void LoadActive_DefaultCertificateDeleted_ThrowsInvalidDataExceptionWithoutRegenerating()
    {
        using (TestStores.Open(_directory.Path, _time).LoadActive())
        {
        }

        var keyBefore = File.ReadAllBytes(DefaultKeyFile);
        File.Delete(DefaultCertificateFile);

        Assert.Throws<InvalidDataException>(() => TestStores.Open(_directory.Path, _time).LoadActive());

        Assert.Equal(keyBefore, File.ReadAllBytes(DefaultKeyFile));
        Assert.False(File.Exists(DefaultCertificateFile));
    }

    [Theory]
    [InlineData("../escaped")]
    [InlineData("..")]
    [InlineData("v1/../../escaped")]
    [InlineData("..\\escaped")]
    [InlineData(".hidden")]
    public void LoadActive_PointerLeavesTheInstalledFolder_RejectedAsNotAVersionFolder(string version)
    {
        var store = TestStores.Open(_directory.Path, _time);
        using (store.LoadActive())
        {
        }

        // Make the escape target a complete, loadable folder, so that only the name check can stop it.
        TestStores.CopyVersionFolder(_dataDirectory.DefaultCertificateDirectory, Path.Combine(_dataDirectory.CertificatesDirectory, "escaped"));
        TestStores.CopyVersionFolder(_dataDirectory.DefaultCertificateDirectory, Path.Combine(_dataDirectory.InstalledCertificatesDirectory, ".hidden"));
        File.WriteAllText(_dataDirectory.ActivePointerFile, version);

        var exception = Assert.Throws<InvalidDataException>(store.LoadActive);

        Assert.Contains("not a version folder", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadActive_PointerNamesInstalledVersionWithChain_LoadsItAsThirdParty()
    {
        var store = TestStores.Open(_directory.Path, _time);
        string defaultFingerprint;
        using (var initial = store.LoadActive())
        {
            defaultFingerprint = initial.Certificate.GetCertHashString(HashAlgorithmName.SHA256);
        }

        var installed = Path.Combine(_dataDirectory.InstalledCertificatesDirectory, "20261126-120000");
        TestStores.CopyVersionFolder(_dataDirectory.DefaultCertificateDirectory, installed);
        using var intermediate = new SelfSignedCertificateFactory(_time).Create(new HostIdentity("intermediate.example.test"));
        File.WriteAllText(Path.Combine(installed, "chain.pem"), intermediate.ExportCertificatePem());
        File.WriteAllText(_dataDirectory.ActivePointerFile, "20261126-120000\n");

        using var loaded = store.LoadActive();

        Assert.Equal("20261126-120000", loaded.Version);
        Assert.Equal(CertificateOrigin.ThirdParty, loaded.Origin);
        Assert.Equal(defaultFingerprint, loaded.Certificate.GetCertHashString(HashAlgorithmName.SHA256));
        Assert.Equal(intermediate.Thumbprint, Assert.Single(loaded.Intermediates).Thumbprint);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n")]
    [InlineData("default\n")]
    public void ReadActiveVersion_EmptyOrDefaultPointer_Default(string pointerContent)
    {
        var store = TestStores.Open(_directory.Path, _time);
        File.WriteAllText(_dataDirectory.ActivePointerFile, pointerContent);

        Assert.Equal(CertificateStore.DefaultVersion, store.ReadActiveVersion());
    }

    [Fact]
    public void ReadActiveVersion_NoPointerFile_Default()
    {
        Assert.Equal(CertificateStore.DefaultVersion, TestStores.Open(_directory.Path, _time).ReadActiveVersion());
    }

    private static bool SignatureRoundTrips(X509Certificate2 certificate)
    {
        using var privateKey = certificate.GetRSAPrivateKey()!;
        using var publicKey = certificate.GetRSAPublicKey()!;
        var data = "proof of possession"u8.ToArray();
        var signature = privateKey.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return publicKey.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }
}
