using System.Diagnostics;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using CertManager.Core.Storage;
using CertManager.Core.Tests.Support;
using CertManager.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CertManager.Core.Tests.Storage;

/// <summary>What a process killed in the middle of a write leaves behind, and how the next start deals with it.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class CrashLeftoversTests : IDisposable
{
    private readonly TempDirectory _directory = new("certmanager-crash");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private readonly DataDirectory _dataDirectory;

    public CrashLeftoversTests()
    {
        _dataDirectory = new DataDirectory(_directory.Path);
        _dataDirectory.EnsureCreated();
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void LoadActive_DefaultCreationKilledAfterItsKey_MakesTheDefaultAgain()
    {
        // The state after SIGKILL between the key and the certificate of the first start's default.
        File.WriteAllBytes(Path.Combine(_dataDirectory.DefaultCertificateDirectory, ".creating"), []);
        File.WriteAllBytes(Path.Combine(_dataDirectory.DefaultCertificateDirectory, "private-key.enc"), RandomNumberGenerator.GetBytes(64));

        using var loaded = TestStores.Open(_directory.Path, _time).LoadActive();

        Assert.True(loaded.Certificate.HasPrivateKey);
        Assert.Equal(CertificateStore.DefaultVersion, loaded.Version);
        Assert.False(File.Exists(Path.Combine(_dataDirectory.DefaultCertificateDirectory, ".creating")));
    }

    [Fact]
    public async Task RemoveAbandoned_LeftoversOfADeadWriter_RemovedAndLiveWritersKept()
    {
        var deadPid = await DeadProcessIdAsync();
        var deadFile = Path.Combine(_dataDirectory.CertificatesDirectory, $".active.{deadPid}.{Guid.NewGuid():N}.new");
        var deadVersion = Path.Combine(_dataDirectory.InstalledCertificatesDirectory, $".20261126T120000Z-abcdef012345.{deadPid}.staging");
        var liveFile = Path.Combine(_dataDirectory.Root, $".master.key.{Environment.ProcessId}.{Guid.NewGuid():N}.new");
        // A backup killed while SQLite wrote its snapshot leaves the snapshot's rollback journal too.
        var deadJournal = Path.Combine(_dataDirectory.Root, $".certmanager.db-backup.{deadPid}.{Guid.NewGuid():N}.new-journal");
        File.WriteAllText(deadFile, "v1\n");
        File.WriteAllText(deadJournal, "journal");
        Directory.CreateDirectory(deadVersion);
        File.WriteAllText(Path.Combine(deadVersion, "private-key.enc"), "half");
        File.WriteAllText(liveFile, "being written");

        var removed = StagingFiles.RemoveAbandoned(_dataDirectory);

        Assert.Equal(new[] { deadFile, deadVersion, deadJournal }.Order(StringComparer.Ordinal), removed.Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.False(File.Exists(deadJournal));
        Assert.False(File.Exists(deadFile));
        Assert.False(Directory.Exists(deadVersion));
        Assert.True(File.Exists(liveFile));
    }

    [Fact]
    public void WriteAllBytesAtomically_StagingFile_NamedAfterThisProcess()
    {
        var staging = StagingFiles.FileFor(Path.Combine(_dataDirectory.Root, "trusted-roots.pem"));

        Assert.Equal(Environment.ProcessId, StagingFiles.WriterOf(Path.GetFileName(staging)));
        Assert.Null(StagingFiles.WriterOf("trusted-roots.pem"));
        Assert.Null(StagingFiles.WriterOf(".migrations.lock"));
    }

    private static async Task<int> DeadProcessIdAsync()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await process.WaitForExitAsync();
        return process.Id;
    }
}
