using System.Diagnostics;
using System.Security.Cryptography;
using Xunit;

namespace CertManager.Testing;

/// <summary>
/// BIND 9 (<c>named</c>, Debian package bind9) as the real DNS server for dns-01 by RFC 2136: one primary zone on a
/// free loopback port that accepts updates signed with one TSIG key (hmac-sha256, made at run time), its name server
/// <c>ns1.{zone}</c> at 127.0.0.1 in the zone itself; and <see cref="LaggingZone"/>, whose second name server
/// (127.0.0.2, where nothing listens) never gets the update, as a secondary that does not transfer. Runs as <c>nobody</c> when the tests run as root.
/// <see cref="QueryTxtAsync"/> asks it with <c>dig</c>, an independent client.
/// </summary>
public sealed class BindServer : IDisposable
{
    public const string KeyName = "certmanager-acme";
    public const string Algorithm = "hmac-sha256";

    private const string Named = "/usr/sbin/named";
    private readonly PeerProcess _process;
    private readonly TempDirectory _directory;

    private BindServer(PeerProcess process, TempDirectory directory, string zone, int port, string secret)
    {
        _process = process;
        _directory = directory;
        Zone = zone;
        Port = port;
        Secret = secret;
    }

    public string Zone { get; }

    /// <summary><c>lagging.{zone}</c>: updatable like <see cref="Zone"/>, but one of its two NS never serves the change.</summary>
    public string LaggingZone => "lagging." + Zone;

    public int Port { get; }

    /// <summary>The TSIG secret, base64 as <c>tsig-keygen</c> prints it.</summary>
    public string Secret { get; }

    /// <summary>host:port for <c>pebble -dnsserver</c>.</summary>
    public string Address => $"127.0.0.1:{Port}";

    public string Output => _process.Output;

    public static BindServer Start(string zone = "example.test")
    {
        var directory = new TempDirectory("named");
        var port = FreePort.Next();
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var path = directory.Path;
        File.WriteAllText(directory.File("named.conf"), $$"""
            key "{{KeyName}}" { algorithm {{Algorithm}}; secret "{{secret}}"; };
            options {
                directory "{{path}}";
                pid-file "{{path}}/named.pid";
                session-keyfile "{{path}}/session.key";
                listen-on port {{port}} { 127.0.0.1; };
                listen-on-v6 { none; };
                recursion no;
                dnssec-validation no;
                notify no;
            };
            controls { };
            zone "{{zone}}" { type primary; file "{{path}}/{{zone}}.zone"; allow-update { key "{{KeyName}}"; }; };
            zone "lagging.{{zone}}" { type primary; file "{{path}}/lagging.{{zone}}.zone"; allow-update { key "{{KeyName}}"; }; };
            """);
        File.WriteAllText(directory.File($"lagging.{zone}.zone"), $"""
            $TTL 60
            @ IN SOA ns1.lagging.{zone}. hostmaster.{zone}. ( 1 60 60 600 60 )
            @ IN NS ns1.lagging.{zone}.
            @ IN NS ns2.lagging.{zone}.
            ns1 IN A 127.0.0.1
            ns2 IN A 127.0.0.2
            """ + "\n");
        File.WriteAllText(directory.File($"{zone}.zone"), $"""
            $TTL 60
            @ IN SOA ns1.{zone}. hostmaster.{zone}. ( 1 60 60 600 60 )
            @ IN NS ns1.{zone}.
            ns1 IN A 127.0.0.1
            """ + "\n");
        var arguments = new List<string> { "-g", "-c", directory.File("named.conf") };
        if (Environment.UserName == "root" && !OperatingSystem.IsWindows())
        {
            // named refuses nothing as root, but a DNS server has no business running as root: the zone journal is
            // written by nobody, so the folder is opened to it (test data only).
            arguments.AddRange(["-u", "nobody"]);
            File.SetUnixFileMode(path, (UnixFileMode)0b111_111_111);
            foreach (var file in Directory.GetFiles(path))
            {
                File.SetUnixFileMode(file, (UnixFileMode)0b110_100_100);
            }
        }

        var process = PeerProcess.Start(Named, arguments, path);
        try
        {
            process.WaitUntilListening(port);
            WaitUntilLoaded(process);
        }
        catch
        {
            process.Dispose();
            directory.Dispose();
            throw;
        }

        return new BindServer(process, directory, zone, port, secret);
    }

    /// <summary>The TXT values <paramref name="name"/> has, as <c>dig +short</c> prints them (quotes removed).</summary>
    public async Task<IReadOnlyList<string>> QueryTxtAsync(string name)
    {
        var start = new ProcessStartInfo("dig") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "+short", "+norecurse", "+time=5", "+tries=2", "@127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "TXT", name })
        {
            start.ArgumentList.Add(argument);
        }

        using var dig = Process.Start(start) ?? throw new InvalidOperationException("Could not start dig (package bind9-dnsutils).");
        var output = await dig.StandardOutput.ReadToEndAsync();
        await dig.WaitForExitAsync();
        Assert.True(dig.ExitCode == 0, $"dig failed ({dig.ExitCode}): {await dig.StandardError.ReadToEndAsync()}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Trim().Trim('"')).ToList();
    }

    private static void WaitUntilLoaded(PeerProcess process)
    {
        var deadline = Stopwatch.StartNew();
        while (!process.Output.Contains("all zones loaded", StringComparison.Ordinal))
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new InvalidOperationException($"named did not load its zone:\n{process.Output}");
            }

            Thread.Sleep(50);
        }
    }

    public void Dispose()
    {
        _process.Dispose();
        _directory.Dispose();
    }
}
