using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertManager.Testing;

/// <summary>A raw TLS handshake with a port, to see exactly which certificate it presents.</summary>
public static class TlsProbe
{
    public static async Task<X509Certificate2> GetPresentedCertificateAsync(int port, string serverName = "localhost")
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = serverName });
        return new X509Certificate2(tls.RemoteCertificate ?? throw new InvalidOperationException("The server presented no certificate."));
    }

    /// <summary>Every certificate the port sends in its handshake, leaf first, as <c>openssl s_client -showcerts</c> sees them.</summary>
    public static IReadOnlyList<X509Certificate2> GetPresentedChainWithOpenSsl(int port, string serverName = "localhost")
    {
        var outcome = OpenSsl.TryRunWithInput(Path.GetTempPath(), string.Empty, "s_client", "-connect", $"127.0.0.1:{port}", "-servername", serverName, "-showcerts");
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(outcome.StandardOutput);
        return [.. chain];
    }

    /// <summary>The SHA-256 fingerprint as the console shows it: upper-case hex octets joined by colons.</summary>
    public static string Sha256Fingerprint(X509Certificate2 certificate) =>
        string.Join(':', certificate.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
}
