using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CertManager.Core.Fleet;

namespace CertManager.Core.Tests.Fleet;

/// <summary>
/// The follower's HTTPS client against an edge whose certificate names an issuer address (AIA) that never answers.
/// The TLS server here is hand-written: a console always sends its intermediates, and this test needs a chain that
/// can only be completed from the network.
/// </summary>
public sealed class EdgeClientTests
{
    [Fact]
    public async Task RegisterAsync_EdgeCertificateNamesAnIssuerAddress_NeverFetchesIt()
    {
        // Whoever listens at the AIA address would be asked for the issuer; it accepts and never answers.
        using var issuerHost = new TcpListener(IPAddress.Loopback, 0);
        issuerHost.Start();
        using var certificate = LeafWithIssuerAt(new Uri($"http://127.0.0.1:{((IPEndPoint)issuerHost.LocalEndpoint).Port}/issuer.cer"));
        using var edge = new TcpListener(IPAddress.Loopback, 0);
        edge.Start();
        var answered = AnswerOnceAsync(edge, certificate);

        using var client = new EdgeClient(TimeProvider.System);
        var request = new RegistrationRequest("code", "app-1", [1], [2], "challenge", "mac");
        var result = await client.RegisterAsync(new Uri($"https://127.0.0.1:{((IPEndPoint)edge.LocalEndpoint).Port}/"), request, CancellationToken.None);

        Assert.False(issuerHost.Pending(), "The follower asked the certificate's AIA address for the issuer.");
        Assert.Equal("fleet.edge-refused", Assert.Single(result.Problems).Code);
        await answered.WaitAsync(TimeSpan.FromSeconds(60));
    }

    private static async Task AnswerOnceAsync(TcpListener listener, X509Certificate2 certificate)
    {
        using var connection = await listener.AcceptTcpClientAsync();
        await using var tls = new SslStream(connection.GetStream());
        // Offline: the server side must not look for the issuer at that address either.
        await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificateContext = SslStreamCertificateContext.Create(certificate, null, offline: true) });
        var request = new StringBuilder();
        var buffer = new byte[4096];
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await tls.ReadAsync(buffer);
            if (read == 0)
            {
                return;
            }

            request.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        await tls.WriteAsync("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());
    }

    /// <summary>A server certificate under a CA the client does not have, naming where to download that CA.</summary>
    private static X509Certificate2 LeafWithIssuerAt(Uri issuerAddress)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Unreachable Issuing CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=edge.example.test", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509AuthorityInformationAccessExtension(null, [issuerAddress.AbsoluteUri]));
        using var leaf = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10), [1, 2, 3, 4]);
        // SslStream on Linux needs the key in an exportable, reloaded form.
        return X509CertificateLoader.LoadPkcs12(leaf.CopyWithPrivateKey(key).Export(X509ContentType.Pkcs12), null);
    }
}
