using System.Diagnostics;
using CertManager.Cli.Tests.Support;
using CertManager.Testing;
using Microsoft.Data.Sqlite;

namespace CertManager.Cli.Tests.Commands;

/// <summary>
/// Two processes on one data directory: a certman whose database needs migrating waits, saying so on stderr, while
/// another process holds the migration lock, and proceeds when it lets go; a lock row EF Core's migrator left behind
/// when it was killed blocks nothing.
/// </summary>
public sealed class MigrationLockTests : IDisposable
{
    private readonly TempDirectory _data = new("certman-migration-lock");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _data.Dispose();
    }

    [Fact]
    public async Task Versions_AnotherProcessMigrating_WaitsSayingWhyThenProceeds()
    {
        var lockFile = _data.File(".migrations.lock");
        var holder = new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = _data.Path };
        foreach (var argument in new[] { RepositoryPaths.CliAssemblyPath, "versions", "--data-dir", _data.Path })
        {
            start.ArgumentList.Add(argument);
        }

        using var certman = Process.Start(start)!;
        var output = certman.StandardOutput.ReadToEndAsync();
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var waiting = await certman.StandardError.ReadLineAsync(bound.Token);

        Assert.Contains("migrating the database", waiting, StringComparison.Ordinal);
        Assert.Contains(lockFile, waiting, StringComparison.Ordinal);
        Assert.False(certman.HasExited);
        await holder.DisposeAsync();
        await certman.WaitForExitAsync(bound.Token);
        Assert.True(certman.ExitCode == 0, await certman.StandardError.ReadToEndAsync() + await output);
    }

    [Fact]
    public async Task Versions_StaleEfLockRowFromAKilledMigrator_DoesNotWait()
    {
        var first = await Certman.RunAsync(_data.Path, "versions", "--data-dir", _data.Path);
        Assert.True(first.ExitCode == 0, first.ToString());
        using (var connection = new SqliteConnection($"Data Source={_data.File("certmanager.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE IF NOT EXISTS \"__EFMigrationsLock\" (\"Id\" INTEGER NOT NULL CONSTRAINT \"PK___EFMigrationsLock\" PRIMARY KEY, \"Timestamp\" TEXT NOT NULL);" +
                "INSERT INTO \"__EFMigrationsLock\" (\"Id\", \"Timestamp\") VALUES (1, '2026-11-29 12:00:00+00:00');";
            command.ExecuteNonQuery();
        }

        // Certman.RunAsync gives up after two minutes: the unfixed migrator waited here for ever.
        var second = await Certman.RunAsync(_data.Path, "versions", "--data-dir", _data.Path);

        Assert.True(second.ExitCode == 0, second.ToString());
    }
}
