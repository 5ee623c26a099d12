using CertManager.Testing;

namespace CertManager.Web.Tests.Hosting;

/// <summary>
/// With OpenSSL's cipher list (<c>CertManager:Web:CipherSuites=OpenSsl</c>) .NET keeps its OpenSSL context per
/// certificate, so a client resumes its TLS session instead of paying for a full handshake.
/// </summary>
public sealed class TlsCipherSuitesTests
{
    [Fact]
    public async Task Handshake_OpenSslCipherSuites_Tls12SessionResumed()
    {
        using var directory = new TempDirectory("certmanager-tls");
        await using var console = await ConsoleProcess.StartAsync(environment: new Dictionary<string, string> { ["CertManager__Web__CipherSuites"] = "OpenSsl" });
        var session = Path.Combine(directory.Path, "session.pem");

        var first = OpenSsl.TryRunWithInput(directory.Path, string.Empty,
            "s_client", "-connect", $"127.0.0.1:{console.Port}", "-servername", "console.example.test", "-tls1_2", "-sess_out", session);
        var second = OpenSsl.TryRunWithInput(directory.Path, string.Empty,
            "s_client", "-connect", $"127.0.0.1:{console.Port}", "-servername", "console.example.test", "-tls1_2", "-sess_in", session);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("New, TLSv1.2", first.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("Reused, TLSv1.2", second.StandardOutput, StringComparison.Ordinal);
    }
}
