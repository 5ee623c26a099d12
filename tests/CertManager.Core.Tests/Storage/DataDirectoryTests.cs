using System.Runtime.Versioning;
using CertManager.Core.Storage;
using CertManager.Testing;

namespace CertManager.Core.Tests.Storage;

// File modes are the Unix permission bits the console relies on; Windows uses ACLs instead.
[UnsupportedOSPlatform("windows")]
public sealed class DataDirectoryTests
{
    [Fact]
    public void EnsureCreated_FreshRoot_EveryDirectoryMode0700()
    {
        using var temp = new TempDirectory("certmanager-data");
        var dataDirectory = new DataDirectory(Path.Combine(temp.Path, "data"));

        dataDirectory.EnsureCreated();

        foreach (var directory in new[] { dataDirectory.Root, dataDirectory.CertificatesDirectory, dataDirectory.DefaultCertificateDirectory, dataDirectory.InstalledCertificatesDirectory, dataDirectory.LogsDirectory })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
        }
    }

    [Fact]
    public void Constructor_RelativeRoot_MadeAbsolute()
    {
        var dataDirectory = new DataDirectory("relative/data");

        Assert.True(Path.IsPathFullyQualified(dataDirectory.Root));
        Assert.StartsWith(dataDirectory.Root, dataDirectory.MasterKeyFile, StringComparison.Ordinal);
    }
}
