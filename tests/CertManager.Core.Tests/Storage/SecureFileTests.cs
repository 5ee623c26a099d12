using System.Runtime.Versioning;
using CertManager.Core.Storage;
using CertManager.Testing;

namespace CertManager.Core.Tests.Storage;

// File modes are the Unix permission bits the console relies on; Windows uses ACLs instead.
[UnsupportedOSPlatform("windows")]
public sealed class SecureFileTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerAll = OwnerReadWrite | UnixFileMode.UserExecute;
    private const UnixFileMode WorldReadable = OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly TempDirectory _directory = new("certmanager-securefile");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void CreatePrivateDirectory_New_Mode0700()
    {
        var path = _directory.File("private");

        SecureFile.CreatePrivateDirectory(path);

        Assert.Equal(OwnerAll, File.GetUnixFileMode(path));
    }

    [Fact]
    public void CreatePrivateDirectory_ExistingWorldReadable_TightenedTo0700()
    {
        var path = _directory.File("loose");
        Directory.CreateDirectory(path, OwnerAll | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        SecureFile.CreatePrivateDirectory(path);

        Assert.Equal(OwnerAll, File.GetUnixFileMode(path));
    }

    [Fact]
    public void WriteAllBytesAtomically_NewFile_ContentWithMode0600()
    {
        var path = _directory.File("secret.bin");

        SecureFile.WriteAllBytesAtomically(path, [1, 2, 3]);

        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void WriteAllTextAtomically_ExistingWorldReadableFile_ReplacedWithMode0600()
    {
        var path = _directory.File("active");
        File.WriteAllText(path, "old version, longer than the new one");
        File.SetUnixFileMode(path, WorldReadable);

        SecureFile.WriteAllTextAtomically(path, "v2");

        Assert.Equal("v2", File.ReadAllText(path));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void WriteAllBytesAtomically_RepeatedOverwrites_NoStagingFilesLeftBehind()
    {
        var path = _directory.File("certificate.pem");

        for (var i = 0; i < 5; i++)
        {
            SecureFile.WriteAllBytesAtomically(path, [(byte)i]);
        }

        Assert.Equal([path], Directory.GetFileSystemEntries(_directory.Path));
        Assert.Equal([4], File.ReadAllBytes(path));
    }

    [Fact]
    public void WriteAllBytesAtomically_RenameFails_StagingFileRemoved()
    {
        // A directory where the file should go makes the final rename fail after the staging file was written.
        var path = _directory.File("occupied");
        Directory.CreateDirectory(path);

        Assert.ThrowsAny<IOException>(() => SecureFile.WriteAllBytesAtomically(path, [1, 2, 3]));

        Assert.Equal([path], Directory.GetFileSystemEntries(_directory.Path));
    }
}
