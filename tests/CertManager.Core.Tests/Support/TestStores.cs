using CertManager.Core.Certificates;
using CertManager.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace CertManager.Core.Tests.Support;

/// <summary>
/// A <see cref="CertificateStore"/> wired as the console wires it, over a given data directory: what a second
/// process (or the console after a restart) sees when it opens the same directory.
/// </summary>
public static class TestStores
{
    public const string HostName = "console.example.test";

    public static CertificateStore Open(string dataDirectoryPath, TimeProvider time, string hostName = HostName)
    {
        var dataDirectory = new DataDirectory(dataDirectoryPath);
        dataDirectory.EnsureCreated();
        return Open(dataDirectory, KeyProtector.LoadOrCreate(dataDirectory), time, hostName);
    }

    public static CertificateStore Open(DataDirectory dataDirectory, KeyProtector keyProtector, TimeProvider time, string hostName = HostName) =>
        new(dataDirectory, keyProtector, new SelfSignedCertificateFactory(time), new HostIdentity(hostName), NullLogger<CertificateStore>.Instance);

    /// <summary>Copies a version folder, as an install would leave it, to <paramref name="destination"/>.</summary>
    public static void CopyVersionFolder(string source, string destination)
    {
        SecureFile.CreatePrivateDirectory(destination);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }
    }
}
