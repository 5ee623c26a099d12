using System.Runtime.Versioning;
using System.Text.Json;
using CertManager.Cli.Tests.Support;
using CertManager.Core.Certificates;
using CertManager.Core.Csr;
using CertManager.Testing;
using Microsoft.Data.Sqlite;

namespace CertManager.Cli.Tests.Commands;

/// <summary>
/// <c>certman backup</c> of a running console with an installed certificate, a pending CSR, events and users, and
/// <c>certman restore</c> into a fresh directory, from which a second console presents the same certificate and
/// accepts the same sign-in.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class BackupCommandTests : IDisposable
{
    private const string Passphrase = "correct horse battery staple";
    private static readonly string ThisHost = new HostIdentity(configuredHostName: null).FullyQualifiedName;

    private readonly TestPki _pki = new("Backup");
    private readonly TempDirectory _data = new("certman-backup-data");
    private readonly TempDirectory _work = new("certman-backup-work");

    public void Dispose()
    {
        _work.Dispose();
        _data.Dispose();
        _pki.Dispose();
    }

    [Fact]
    public async Task BackupThenRestore_WhileConsoleRuns_SecondConsolePresentsSameCertificateAndAcceptsSameSignIn()
    {
        await File.WriteAllTextAsync(_data.File("trusted-roots.pem"), _pki.RootPem);
        await ConsoleSeed.AddUsersAsync(_data.Path, [ConsoleSeed.Operator]);
        await ConsoleSeed.AddPendingRequestAsync(_data.Path, new CsrForm { CommonName = "next.example.test", AlternateNames = ["next.example.test"] });
        var (certificate, key) = _pki.IssueServer("backup.example.test", ["backup.example.test", ThisHost, "console.example.test"]);
        var installed = await Certman.RunAsync(_pki.Directory, "install", "--data-dir", _data.Path, "--cert", certificate, "--chain", _pki.IntermediatePath, "--key", key);
        Assert.True(installed.ExitCode == 0, installed.ToString());
        var passphraseFile = _work.File("passphrase");
        await File.WriteAllTextAsync(passphraseFile, Passphrase + "\n");
        var archive = _work.File("console.cmbackup");
        var restored = Path.Combine(_work.Path, "restored", "data");

        string presented;
        Dictionary<string, long> rowsAtBackup;
        await using (var console = await ConsoleProcess.StartAsync(_data.Path))
        {
            presented = TlsProbe.Sha256Fingerprint(await TlsProbe.GetPresentedCertificateAsync(console.Port));
            var backup = await Certman.RunAsync(_work.Path, "backup", "--data-dir", _data.Path, "--out", archive, "--passphrase-file", passphraseFile, "--json");

            Assert.True(backup.ExitCode == 0, backup.ToString());
            using var json = JsonDocument.Parse(backup.StandardOutput);
            Assert.Equal(archive, json.RootElement.GetProperty("path").GetString());
            Assert.NotEqual("default", json.RootElement.GetProperty("activeVersion").GetString());
            rowsAtBackup = CountRows(_data.Path);
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(archive));
        Assert.DoesNotContain("BEGIN", await File.ReadAllTextAsync(archive), StringComparison.Ordinal);
        var restore = await Certman.RunWithEnvironmentAsync(_work.Path, new Dictionary<string, string> { ["BACKUP_PASSPHRASE"] = Passphrase }, "restore", "--in", archive, "--data-dir", restored, "--passphrase-env", "BACKUP_PASSPHRASE", "--json");

        Assert.True(restore.ExitCode == 0, restore.ToString());
        AssertPrivate(restored);
        Assert.Equal(rowsAtBackup, CountRows(restored));
        Assert.True(rowsAtBackup["PendingRequests"] >= 1 && rowsAtBackup["Events"] >= 1 && rowsAtBackup["Users"] >= 1, string.Join(", ", rowsAtBackup));
        await using var second = await ConsoleProcess.StartAsync(restored);
        Assert.Equal(presented, TlsProbe.Sha256Fingerprint(await TlsProbe.GetPresentedCertificateAsync(second.Port)));
        using var client = second.CreateClient();
        await client.SignInSuccessfullyAsync(ConsoleSeed.Operator.UserName, ConsoleSeed.Operator.Password);
    }

    [Fact]
    public async Task Restore_WrongPassphraseOrNonEmptyTarget_RefusedAndNothingWritten()
    {
        var archive = await BackUpFreshDirectoryAsync();
        var target = Path.Combine(_work.Path, "target");
        var environment = new Dictionary<string, string> { ["BACKUP_PASSPHRASE"] = "not the passphrase at all" };

        var wrong = await Certman.RunWithEnvironmentAsync(_work.Path, environment, "restore", "--in", archive, "--data-dir", target, "--passphrase-env", "BACKUP_PASSPHRASE", "--json");

        Assert.True(wrong.ExitCode == 2, wrong.ToString());
        Assert.Contains("backup.wrong-passphrase", wrong.StandardOutput, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));
        Assert.Empty(Directory.GetFileSystemEntries(_work.Path, ".*"));

        environment["BACKUP_PASSPHRASE"] = Passphrase;
        var occupied = await Certman.RunWithEnvironmentAsync(_work.Path, environment, "restore", "--in", archive, "--data-dir", _data.Path, "--passphrase-env", "BACKUP_PASSPHRASE", "--json");

        Assert.True(occupied.ExitCode == 2, occupied.ToString());
        Assert.Contains("backup.target-not-empty", occupied.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_PassphraseOnCommandLine_Refused()
    {
        var run = await Certman.RunAsync(_work.Path, "backup", "--data-dir", _data.Path, "--out", _work.File("x"), "--passphrase", Passphrase);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.False(File.Exists(_work.File("x")));
    }

    private async Task<string> BackUpFreshDirectoryAsync()
    {
        await ConsoleSeed.AddUsersAsync(_data.Path, [ConsoleSeed.Helpdesk]);
        var archive = _work.File("fresh.cmbackup");
        var run = await Certman.RunWithEnvironmentAsync(_work.Path, new Dictionary<string, string> { ["BACKUP_PASSPHRASE"] = Passphrase }, "backup", "--data-dir", _data.Path, "--out", archive, "--passphrase-env", "BACKUP_PASSPHRASE");
        Assert.True(run.ExitCode == 0, run.ToString());
        return archive;
    }

    private static void AssertPrivate(string directory)
    {
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
        foreach (var folder in Directory.GetDirectories(directory, "*", SearchOption.AllDirectories))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        }

        foreach (var file in Directory.GetFiles(directory, "*", SearchOption.AllDirectories))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    private static Dictionary<string, long> CountRows(string dataDirectory)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "certmanager.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return new[] { "Users", "Events", "PendingRequests" }.ToDictionary(table => table, table =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM \"{table}\"";
            return (long)command.ExecuteScalar()!;
        });
    }
}
