using System.Diagnostics;
using System.Security.Cryptography;
using Npgsql;

namespace CertManager.Testing;

/// <summary>
/// A real PostgreSQL server (Debian's <c>postgresql</c> package) for one test collection: <c>initdb</c> into a temporary
/// directory and <c>postgres</c> on a free 127.0.0.1 port, password authentication over TCP. PostgreSQL refuses to run as
/// root, so when the tests do (CI), both run as <c>nobody</c> through <c>setpriv</c>. Stopped (fast shutdown) and
/// removed on dispose. Each test class takes a database of its own with <see cref="CreateDatabase"/>.
/// </summary>
public sealed class PostgreSqlServer : IDisposable
{
    private const int Unprivileged = 65534;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _directory = new("certmanager-pg");
    private readonly string _password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    private readonly Process _postmaster;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();
    private int _databases;

    public PostgreSqlServer()
    {
        var bin = FindBinaries();
        var dataDirectory = Path.Combine(_directory.Path, "data");
        if (IsRoot)
        {
            Run("chown", [$"{Unprivileged}:{Unprivileged}", _directory.Path]);
        }

        var passwordFile = Path.Combine(_directory.Path, "password");
        File.WriteAllText(passwordFile, _password);
        Run(Path.Combine(bin, "initdb"), ["-D", dataDirectory, "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256", $"--pwfile={passwordFile}", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"], asPostgres: true);
        File.Delete(passwordFile);

        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort.Next();
            _output.Clear();
            _postmaster = Start(Path.Combine(bin, "postgres"), [
                "-D", dataDirectory, "-k", _directory.Path, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                "-c", "max_connections=300"]);
            if (WaitUntilReady() || attempt == 5 || !Output.Contains("could not bind", StringComparison.Ordinal))
            {
                break;
            }

            _postmaster.Dispose();
        }

        if (_postmaster.HasExited)
        {
            throw new InvalidOperationException($"postgres exited with code {_postmaster.ExitCode}:\n{Output}");
        }
    }

    public int Port { get; }

    /// <summary>What the server wrote to stderr, for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>Connects as the superuser to <paramref name="database"/>; the password is in the string, as an operator would give it.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Database = database, Username = "postgres", Password = _password }.ToString();

    /// <summary>The password in every connection string, for tests that check it is never logged.</summary>
    public string Password => _password;

    /// <summary>A new, empty database for one test class; dropped when the returned handle is disposed.</summary>
    public PostgreSqlDatabase CreateDatabase(string prefix)
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databases)}".ToLowerInvariant();
        Execute($"CREATE DATABASE \"{name}\"");
        return new PostgreSqlDatabase(this, name, ConnectionString(name));
    }

    /// <summary>
    /// Runs one of the server's client programs (<c>pg_dump</c>, <c>pg_restore</c>, ...) against this server as the
    /// superuser, as an operator would from a shell; throws with its output when it fails.
    /// </summary>
    public void RunClientTool(string tool, params string[] arguments)
    {
        var start = StartInfo(Path.Combine(FindBinaries(), tool), arguments, asPostgres: false);
        start.Environment["PGHOST"] = "127.0.0.1";
        start.Environment["PGPORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = "postgres";
        start.Environment["PGPASSWORD"] = _password;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed:\n{output.Result}\n{error}");
        }
    }

    internal void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        if (!_postmaster.HasExited)
        {
            // SIGINT is PostgreSQL's fast shutdown: it ends the sessions and removes its shared memory.
            Run("/bin/kill", ["-INT", _postmaster.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            if (!_postmaster.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                _postmaster.Kill(entireProcessTree: true);
                _postmaster.WaitForExit();
            }
        }

        _postmaster.Dispose();
        NpgsqlConnection.ClearAllPools();
        _directory.Dispose();
    }

    private bool WaitUntilReady()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_postmaster.HasExited)
            {
                return false;
            }

            try
            {
                using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false;Timeout=5");
                connection.Open();
                return true;
            }
            catch (NpgsqlException)
            {
                Thread.Sleep(100);
            }
        }

        throw new TimeoutException($"postgres did not accept connections on 127.0.0.1:{Port} within {StartTimeout.TotalSeconds} s:\n{Output}");
    }

    private Process Start(string executable, IReadOnlyList<string> arguments)
    {
        var process = Process.Start(StartInfo(executable, arguments, asPostgres: true)) ?? throw new InvalidOperationException($"Could not start {executable}.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Run(string executable, IReadOnlyList<string> arguments, bool asPostgres = false)
    {
        using var process = Process.Start(StartInfo(executable, arguments, asPostgres)) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(executable)} failed:\n{output.Result}\n{error}");
        }
    }

    /// <summary>As root, the program runs as nobody (setpriv execs it, so the postmaster is our direct child and gets our signal).</summary>
    private static ProcessStartInfo StartInfo(string executable, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asPostgres && IsRoot)
        {
            start.FileName = "/usr/bin/setpriv";
            foreach (var argument in new[] { $"--reuid={Unprivileged}", $"--regid={Unprivileged}", "--clear-groups", "--", executable })
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.FileName = executable;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LC_ALL"] = "C";
        return start;
    }

    private static string FindBinaries()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(version => Path.Combine(version, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var major) ? major : 0).FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException("PostgreSQL is missing (/usr/lib/postgresql/*/bin/initdb): scripts/test.sh installs the Debian package 'postgresql'.");
    }
}
