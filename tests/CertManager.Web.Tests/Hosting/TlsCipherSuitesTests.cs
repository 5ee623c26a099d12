using System.Diagnostics;
using CertManager.Testing;

namespace CertManager.Web.Tests.Hosting;

/// <summary>
/// The suites and protocols the console agrees to, with <c>openssl s_client</c> as the referee. With a cipher list
/// set on the connection .NET builds a new OpenSSL context per handshake and never resumes a session; the default
/// (<c>Aead</c>) leaves the list to OpenSSL only once OpenSSL's own list (here: the shipped openssl-tls.cnf as
/// OPENSSL_CONF) refuses everything but AEAD suites with forward secrecy, and must refuse the others either way.
/// </summary>
public sealed class TlsCipherSuitesTests
{
    private const string ListIsAead = "OpenSSL's own cipher list offers AEAD suites with forward secrecy only";
    private const string ListIsWider = "OpenSSL's own cipher list allows more than AEAD suites with forward secrecy";

    // CBC with ECDHE (SHA-1 and SHA-256 MAC), RSA key exchange (CBC and GCM), finite-field DHE with GCM.
    private static readonly string[] RefusedSuites =
        ["ECDHE-RSA-AES128-SHA", "ECDHE-RSA-AES128-SHA256", "ECDHE-RSA-AES256-SHA384", "AES128-SHA", "AES128-GCM-SHA256", "DHE-RSA-AES128-GCM-SHA256"];

    private static readonly string[] AcceptedSuites = ["ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-CHACHA20-POLY1305"];

    private static string ShippedOpenSslConfiguration =>
        Path.Combine(Path.GetDirectoryName(RepositoryPaths.WebAssemblyPath)!, "openssl-tls.cnf");

    [Fact]
    public async Task Handshake_DefaultWithShippedOpenSslConfiguration_OnlyAeadSuitesAndTls12SessionResumed()
    {
        using var directory = new TempDirectory("certmanager-tls");
        await using var console = await ConsoleProcess.StartAsync(environment: new Dictionary<string, string> { ["OPENSSL_CONF"] = ShippedOpenSslConfiguration });
        await WaitForOutputAsync(console, ListIsAead);

        AssertOnlyAeadSuitesAndTls12Up(directory.Path, console.Port);
        AssertTls12SessionResumed(directory.Path, console.Port);
    }

    [Fact]
    public async Task Handshake_DefaultWithoutOpenSslConfiguration_OnlyAeadSuites()
    {
        // Debian's openssl.cnf names no CipherString, so .NET's own list (with ECDHE CBC suites) is OpenSSL's list here:
        // the console has to set its list on each connection.
        using var directory = new TempDirectory("certmanager-tls");
        await using var console = await ConsoleProcess.StartAsync();
        await WaitForOutputAsync(console, ListIsWider);

        AssertOnlyAeadSuitesAndTls12Up(directory.Path, console.Port);
    }

    [Fact]
    public async Task Handshake_OpenSslCipherSuites_Tls12SessionResumed()
    {
        using var directory = new TempDirectory("certmanager-tls");
        await using var console = await ConsoleProcess.StartAsync(environment: new Dictionary<string, string> { ["CertManager__Web__CipherSuites"] = "OpenSsl" });

        AssertTls12SessionResumed(directory.Path, console.Port);
    }

    private static void AssertOnlyAeadSuitesAndTls12Up(string directory, int port)
    {
        foreach (var suite in RefusedSuites)
        {
            var outcome = SClient(directory, port, "-tls1_2", "-cipher", suite);
            Assert.True(outcome.ExitCode != 0 && outcome.StandardOutput.Contains("Cipher is (NONE)", StringComparison.Ordinal),
                $"{suite} was not refused:\n{outcome.StandardOutput}");
        }

        foreach (var suite in AcceptedSuites)
        {
            var outcome = SClient(directory, port, "-tls1_2", "-cipher", suite);
            Assert.Contains($"New, TLSv1.2, Cipher is {suite}", outcome.StandardOutput, StringComparison.Ordinal);
        }

        Assert.Contains("New, TLSv1.3, Cipher is TLS_", SClient(directory, port, "-tls1_3").StandardOutput, StringComparison.Ordinal);

        // The client allows TLS 1.0 and 1.1 at security level 0; the console must answer with a protocol_version alert.
        foreach (var protocol in new[] { "-tls1", "-tls1_1" })
        {
            var outcome = SClient(directory, port, protocol, "-cipher", "DEFAULT:@SECLEVEL=0");
            Assert.Contains("alert protocol version", outcome.StandardError, StringComparison.Ordinal);
        }
    }

    private static void AssertTls12SessionResumed(string directory, int port)
    {
        var session = Path.Combine(directory, "session.pem");
        var first = SClient(directory, port, "-tls1_2", "-sess_out", session);
        var second = SClient(directory, port, "-tls1_2", "-sess_in", session);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("New, TLSv1.2", first.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("Reused, TLSv1.2", second.StandardOutput, StringComparison.Ordinal);
    }

    private static OpenSsl.Outcome SClient(string directory, int port, params string[] arguments) =>
        OpenSsl.TryRunWithInput(directory, string.Empty,
            ["s_client", "-connect", $"127.0.0.1:{port}", "-servername", "console.example.test", .. arguments]);

    /// <summary>The console logs its decision once its check of OpenSSL's list (begun at the first handshake, its health check) ends.</summary>
    private static async Task WaitForOutputAsync(ConsoleProcess console, string text)
    {
        var waited = Stopwatch.StartNew();
        while (!console.Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), $"The console did not log \"{text}\" within 60 s:\n{console.Output}");
            await Task.Delay(100);
        }
    }
}
