using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using CertManager.Core.Fleet;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CertManager.Web.Fleet;

/// <summary>
/// Connects to this console's own HTTPS listener over loopback and reads the certificate the handshake presents, so a
/// follower reports what clients really get, not what it believes it installed.
/// </summary>
internal sealed partial class TlsPresentedCertificateProbe(IServer server, ILogger<TlsPresentedCertificateProbe> logger) : IPresentedCertificateProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<PresentedCertificate?> ProbeAsync(CancellationToken cancellationToken)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses
            .Select(a => Uri.TryCreate(a.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri : null)
            .FirstOrDefault(u => u?.Scheme == Uri.UriSchemeHttps);
        if (address is null)
        {
            return null;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(LoopbackFor(address.Host), address.Port, timeout.Token);
#pragma warning disable CA5359 // It reads what is presented, valid or not; nothing is sent over this connection.
            await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, _, _, _) => true);
#pragma warning restore CA5359
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" }, timeout.Token);
            if (tls.RemoteCertificate is not { } presented)
            {
                return null;
            }

            using var certificate = new X509Certificate2(presented);
            return PresentedCertificate.From(certificate);
        }
        catch (Exception exception) when (exception is SocketException or IOException or AuthenticationException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogProbeFailed(logger, exception, address.Port);
            return null;
        }
    }

    private static string LoopbackFor(string host) => host is "0.0.0.0" or "[::]" or "::" or "localhost" ? "127.0.0.1" : host.Trim('[', ']');

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Could not probe the certificate this console presents on port {Port}")]
    private static partial void LogProbeFailed(ILogger logger, Exception exception, int port);
}
