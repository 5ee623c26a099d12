using System.Runtime.Versioning;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertManager.Cli.Tests.Support;
using CertManager.Core.Certificates;
using CertManager.Testing;
using Npgsql;

namespace CertManager.Cli.Tests.Commands;

/// <summary>
/// <c>certman migrate-store</c> from a real console's SQLite data directory into a real PostgreSQL server, and the console
/// started on PostgreSQL afterwards; certman itself pointed at a PostgreSQL-backed console by the console's own keys; and
/// the backup of such a store as docs/operations.md describes it (<c>pg_dump</c>, <c>pg_restore</c>, the master key).
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class MigrateStoreCommandTests : IClassFixture<PostgreSqlServer>, IDisposable
{
    private static readonly string ThisHost = new HostIdentity(configuredHostName: null).FullyQualifiedName;

    private readonly PostgreSqlServer _server;
    private readonly TestPki _pki = new("MigrateStore");
    private readonly TempDirectory _data = new("certman-migrate-data");
    private readonly TempDirectory _secrets = new("certman-migrate-secrets");

    public MigrateStoreCommandTests(PostgreSqlServer server) => _server = server;

    public void Dispose()
    {
        _secrets.Dispose();
        _data.Dispose();
        _pki.Dispose();
    }

    [Fact]
    public async Task MigrateStore_ConsoleWithState_ConsoleOnPostgreSqlPresentsSameCertificateAndUserSignsIn()
    {
        // A console on SQLite with real state: a user who signed in (data-protection keys), an installed certificate
        // with its chain (events), an added trust root.
        await ConsoleSeed.AddUsersAsync(_data.Path, [ConsoleSeed.Operator]);
        await ConsoleSeed.TrustRootAsync(_data.Path, _pki.RootPem);
        var (certificate, key) = _pki.IssueServer("moved.example.test", ["moved.example.test", ThisHost, "console.example.test"]);
        await using (var sqlite = await ConsoleProcess.StartAsync(_data.Path, environment: Sqlite))
        {
            using var client = sqlite.CreateClient();
            await client.SignInSuccessfullyAsync(ConsoleSeed.Operator.UserName, ConsoleSeed.Operator.Password);
            var installed = await Certman.RunWithEnvironmentAsync(_pki.Directory, Sqlite, "install", "--data-dir", _data.Path, "--cert", certificate, "--chain", _pki.IntermediatePath, "--key", key);
            Assert.True(installed.ExitCode == 0, installed.ToString());
        }

        using var database = _server.CreateDatabase("migrated");
        var connectionFile = ConnectionFile(database);

        var run = await Certman.RunWithEnvironmentAsync(_pki.Directory, Sqlite, "migrate-store", "--from", "sqlite", "--data-dir", _data.Path, "--to", "postgresql", "--connection-file", connectionFile, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain(_server.Password, run.StandardOutput + run.StandardError, StringComparison.Ordinal);
        var expected = Fingerprint(certificate);
        using (var json = JsonDocument.Parse(run.StandardOutput))
        {
            Assert.Equal(expected, json.RootElement.GetProperty("activeSha256").GetString());
            var tables = json.RootElement.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("table").GetString()!, t => t.GetProperty("postgreSql").GetInt64());
            Assert.Equal(2, tables["CertificateVersions"]);
            Assert.Equal(1, tables["TrustedRoots"]);
            Assert.True(tables["DataProtectionKeys"] >= 1);
            Assert.Equal(1, tables["Users"]);
            Assert.True(tables["Events"] >= 2);
            Assert.All(json.RootElement.GetProperty("tables").EnumerateArray(), t => Assert.Equal(t.GetProperty("sqlite").GetInt64(), t.GetProperty("postgreSql").GetInt64()));
            Assert.True(json.RootElement.GetProperty("keysChecked").GetInt32() >= 3);
        }

        // The same data directory (its master key) with the provider switched, as docs/operations.md tells the operator.
        await using var postgreSql = await ConsoleProcess.StartAsync(_data.Path, environment: PostgreSqlFile(connectionFile));
        Assert.Contains("PostgreSQL database", postgreSql.Output, StringComparison.Ordinal);
        Assert.Equal(expected, TlsProbe.Sha256Fingerprint(await TlsProbe.GetPresentedCertificateAsync(postgreSql.Port)));
        using var signedIn = postgreSql.CreateClient();
        await signedIn.SignInSuccessfullyAsync(ConsoleSeed.Operator.UserName, ConsoleSeed.Operator.Password);
        // Rows added after the copy (the install's events) take new keys: the copied keys did not leave the sequences behind.
        var (next, nextKey) = _pki.IssueServer("next.example.test", ["next.example.test", ThisHost, "console.example.test"]);
        var again = await Certman.RunWithEnvironmentAsync(_pki.Directory, PostgreSqlFile(connectionFile), "install", "--data-dir", _data.Path, "--cert", next, "--chain", _pki.IntermediatePath, "--key", nextKey);
        Assert.True(again.ExitCode == 0, again.ToString());
        await WaitForPresentedAsync(postgreSql, Fingerprint(next));
        var events = await Certman.RunWithEnvironmentAsync(_pki.Directory, PostgreSqlFile(connectionFile), "events", "--data-dir", _data.Path, "--json");
        Assert.True(events.ExitCode == 0, events.ToString());
        Assert.Contains("CN=next.example.test", events.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("CN=moved.example.test", events.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateStore_TargetNotEmpty_ExitsTwoAndSaysWhatToDo()
    {
        await ConsoleSeed.AddUsersAsync(_data.Path, [ConsoleSeed.Operator]);
        using var database = _server.CreateDatabase("occupied");
        var connectionFile = ConnectionFile(database);
        var first = await Certman.RunWithEnvironmentAsync(_pki.Directory, Sqlite, "migrate-store", "--from", "sqlite", "--data-dir", _data.Path, "--to", "postgresql", "--connection-file", connectionFile);
        Assert.True(first.ExitCode == 0, first.ToString());

        var again = await Certman.RunWithEnvironmentAsync(_pki.Directory, Sqlite, "migrate-store", "--from", "sqlite", "--data-dir", _data.Path, "--to", "postgresql", "--connection", database.ConnectionString);

        Assert.True(again.ExitCode == 2, again.ToString());
        Assert.Contains("error store-migration.target-not-empty:", again.StandardError, StringComparison.Ordinal);
        Assert.Contains("CREATE DATABASE", again.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(_server.Password, again.StandardOutput + again.StandardError, StringComparison.Ordinal);
        Assert.Equal(1, CountUsers(database, ConsoleSeed.Operator.UserName));
    }

    [Fact]
    public async Task MigrateStore_NoConsoleDatabase_ExitsTwoAndCreatesNothing()
    {
        var empty = Path.Combine(_data.Path, "nothing-here");
        Directory.CreateDirectory(empty);

        var run = await Certman.RunAsync(_pki.Directory, "migrate-store", "--from", "sqlite", "--data-dir", empty, "--to", "postgresql", "--connection", "Host=127.0.0.1;Database=x");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("error store-migration.source-missing:", run.StandardError, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(empty));
    }

    [Fact]
    public async Task Certman_ConsoleKeysNamePostgreSql_VersionsAndInstallUseTheSharedStore()
    {
        using var database = _server.CreateDatabase("certman");
        var store = PostgreSqlFile(ConnectionFile(database));
        await using var console = await ConsoleProcess.StartAsync(_data.Path, environment: store);
        var (certificate, key) = _pki.IssueServer("shared.example.test", ["shared.example.test", ThisHost, "console.example.test"]);

        var installed = await Certman.RunWithEnvironmentAsync(_pki.Directory, store, "install", "--data-dir", _data.Path, "--cert", certificate, "--chain", _pki.IntermediatePath, "--key", key, "--accept-warnings", "--json");
        var listed = await Certman.RunWithEnvironmentAsync(_pki.Directory, store, "versions", "--data-dir", _data.Path, "--json");

        Assert.True(installed.ExitCode == 0, installed.ToString());
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Contains(Fingerprint(certificate), listed.StandardOutput, StringComparison.Ordinal);
        // The version is a row, not a folder: the console on PostgreSQL hears of it and presents it.
        Assert.False(Directory.Exists(Path.Combine(_data.Path, "certificates", "installed")) && Directory.GetDirectories(Path.Combine(_data.Path, "certificates", "installed")).Length > 0);
        await WaitForPresentedAsync(console, Fingerprint(certificate));
    }

    [Fact]
    public async Task Certman_PostgreSqlUnreachable_ExitsOneWithoutTheConnectionString()
    {
        await ConsoleSeed.AddUsersAsync(_data.Path, [ConsoleSeed.Operator]);
        var nowhere = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = FreePort.Next(), Database = "certmanager", Username = "certmanager", Password = "secret-password-1", Timeout = 3 }.ToString();

        var run = await Certman.RunWithEnvironmentAsync(_pki.Directory, new Dictionary<string, string>
        {
            ["CertManager__Database__Provider"] = "PostgreSql",
            ["CertManager__Database__ConnectionString"] = nowhere,
        }, "versions", "--data-dir", _data.Path);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("error cli.database-unusable:", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-password-1", run.StandardOutput + run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Certman_PostgreSqlWithoutConnectionString_ExitsTwoNamingTheSetting()
    {
        await ConsoleSeed.AddUsersAsync(_data.Path, [ConsoleSeed.Operator]);

        var run = await Certman.RunWithEnvironmentAsync(_pki.Directory, new Dictionary<string, string> { ["CertManager__Database__Provider"] = "PostgreSql" }, "events", "--data-dir", _data.Path);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("error cli.settings-invalid:", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("CertManager:Database:ConnectionString", run.StandardError, StringComparison.Ordinal);
    }

    /// <summary>The source console is SQLite whatever the test run's engine is.</summary>
    [Fact]
    public async Task PgDumpAndRestore_AsDocumented_NodeOnTheRestoredDatabasePresentsTheCertificateAndSignsIn()
    {
        using var source = _server.CreateDatabase("dumped");
        var sourceStore = PostgreSqlFile(ConnectionFile(source));
        await ConsoleSeed.AddUsersAsync(_data.Path, [ConsoleSeed.Operator], settings: source.Settings);
        var (certificate, key) = _pki.IssueServer("dumped.example.test", ["dumped.example.test", ThisHost, "console.example.test"]);
        var installed = await Certman.RunWithEnvironmentAsync(_pki.Directory, sourceStore, "install", "--data-dir", _data.Path, "--cert", certificate, "--chain", _pki.IntermediatePath, "--key", key, "--accept-warnings");
        Assert.True(installed.ExitCode == 0, installed.ToString());

        // The operator's backup: the database with pg_dump, and the node's master key kept apart from it.
        var dump = _secrets.File("certmanager.dump");
        _server.RunClientTool("pg_dump", "-Fc", "-f", dump, source.Name);
        var masterKey = await File.ReadAllBytesAsync(Path.Combine(_data.Path, "master.key"));

        // The restore onto a new, empty database and a new node that is given the same master key.
        using var restored = _server.CreateDatabase("restored");
        _server.RunClientTool("pg_restore", "--no-owner", "-d", restored.Name, dump);
        using var node = new TempDirectory("certman-restored-node");
        var restoredKey = Path.Combine(node.Path, "master.key");
        File.WriteAllBytes(restoredKey, masterKey);
        File.SetUnixFileMode(restoredKey, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await using var console = await ConsoleProcess.StartAsync(node.Path, environment: PostgreSqlFile(ConnectionFile(restored)));

        Assert.Equal(Fingerprint(certificate), TlsProbe.Sha256Fingerprint(await TlsProbe.GetPresentedCertificateAsync(console.Port)));
        using var client = console.CreateClient();
        await client.SignInSuccessfullyAsync(ConsoleSeed.Operator.UserName, ConsoleSeed.Operator.Password);
    }

    [Fact]
    public async Task Backup_ConsoleKeysNamePostgreSql_ExitsTwoAndNamesPgDump()
    {
        var archive = _secrets.File("never-written.backup");
        var passphrase = _secrets.File("passphrase");
        await File.WriteAllTextAsync(passphrase, "a long enough passphrase");
        var store = new Dictionary<string, string> { ["CertManager__Database__Provider"] = "PostgreSql", ["CertManager__Database__ConnectionString"] = "Host=127.0.0.1;Database=x" };

        var run = await Certman.RunWithEnvironmentAsync(_pki.Directory, store, "backup", "--data-dir", _data.Path, "--out", archive, "--passphrase-file", passphrase);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("error backup.postgresql-store:", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("pg_dump", run.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(archive));
    }

    private static Dictionary<string, string> Sqlite => new() { ["CertManager__Database__Provider"] = "Sqlite" };

    private static Dictionary<string, string> PostgreSqlFile(string connectionFile) => new()
    {
        ["CertManager__Database__Provider"] = "PostgreSql",
        ["CertManager__Database__ConnectionStringFile"] = connectionFile,
    };

    private string ConnectionFile(PostgreSqlDatabase database)
    {
        var path = _secrets.File($"{database.Name}.connection");
        File.WriteAllText(path, database.ConnectionString);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    private static long CountUsers(PostgreSqlDatabase database, string userName)
    {
        using var connection = new NpgsqlConnection(database.ConnectionString + ";Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand("SELECT count(*) FROM \"Users\" WHERE \"UserName\" = @name", connection);
        command.Parameters.AddWithValue("name", userName);
        return (long)command.ExecuteScalar()!;
    }

    private static string Fingerprint(string certificatePath) =>
        TlsProbe.Sha256Fingerprint(X509CertificateLoader.LoadCertificateFromFile(certificatePath));

    private static async Task WaitForPresentedAsync(ConsoleProcess console, string fingerprint)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (TlsProbe.Sha256Fingerprint(await TlsProbe.GetPresentedCertificateAsync(console.Port)) != fingerprint)
        {
            await Task.Delay(100, timeout.Token);
        }
    }
}
