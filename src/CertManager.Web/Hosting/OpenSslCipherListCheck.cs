using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.Versioning;
using System.Security.Authentication;

namespace CertManager.Web.Hosting;

/// <summary>
/// Decides which <see cref="CipherSuitesPolicy"/> the console sets on a connection under
/// <see cref="TlsCipherSuites.Aead"/>. With a policy on the connection .NET on Linux builds a new OpenSSL context per
/// handshake and never resumes a session; without one it keeps one context per certificate (and resumes) but offers
/// OpenSSL's own list. So the console leaves the policy off only after it has seen OpenSSL's own list refuse every
/// suite outside <see cref="AeadCipherSuites"/>: it makes a loopback handshake with that list as the server and a
/// client offering only the other TLS 1.2 suites, which must fail, and one offering the AEAD suites, which must
/// succeed. Until then, and whenever the check fails, every connection gets the AEAD policy, so the offered suites
/// never depend on the process environment (OPENSSL_CONF, docs/operations.md) being right. TLS 1.3 is not probed:
/// every TLS 1.3 suite OpenSSL has is AEAD, and the key exchange is not part of the suite there.
/// </summary>
internal sealed partial class OpenSslCipherListCheck(ILogger<OpenSslCipherListCheck> logger)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly ConditionalWeakTable<SslStreamCertificateContext, Lazy<Task<bool>>> _checks = [];

    /// <summary>The policy for the next connection with this certificate; starts the certificate's check on the first call.</summary>
    public CipherSuitesPolicy? PolicyFor(SslStreamCertificateContext certificate)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var check = RunAsync(certificate);
        return check.IsCompletedSuccessfully && check.Result ? null : AeadCipherSuites.Policy;
    }

    /// <summary>
    /// The check for this certificate (its key type decides which suites can be agreed), started on the first call;
    /// true when OpenSSL's own list is used.
    /// </summary>
    [UnsupportedOSPlatform("windows")]
    public Task<bool> RunAsync(SslStreamCertificateContext certificate) =>
        _checks.GetValue(certificate, c => new Lazy<Task<bool>>(() => Task.Run(() => CheckAsync(c)))).Value;

    [UnsupportedOSPlatform("windows")]
    private async Task<bool> CheckAsync(SslStreamCertificateContext certificate)
    {
        try
        {
            var refused = !await HandshakeAsync(certificate, OtherSuites()).ConfigureAwait(false);
            var accepted = await HandshakeAsync(certificate, AeadCipherSuites.Policy).ConfigureAwait(false);
            if (refused && accepted)
            {
                LogOpenSslListIsAead(logger);
                return true;
            }

            LogOpenSslListIsWider(logger);
            return false;
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or PlatformNotSupportedException)
        {
            LogCheckFailed(logger, exception);
            return false;
        }
    }

    /// <summary>A TLS 1.2 handshake over loopback: the server with OpenSSL's own list, the client with <paramref name="offered"/>.</summary>
    [UnsupportedOSPlatform("windows")]
    private static async Task<bool> HandshakeAsync(SslStreamCertificateContext certificate, CipherSuitesPolicy? offered)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(1);
        using var client = new TcpClient();
        var connecting = client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port, timeout.Token).AsTask();
        using var accepted = await listener.AcceptTcpClientAsync(timeout.Token).ConfigureAwait(false);
        await connecting.ConfigureAwait(false);

        await using var server = new SslStream(accepted.GetStream());
        await using var probe = new SslStream(client.GetStream());
        var serving = server.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
        {
            ServerCertificateContext = certificate,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CipherSuitesPolicy = null,
        }, timeout.Token);
        var probing = probe.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            EnabledSslProtocols = SslProtocols.Tls12,
            CipherSuitesPolicy = offered,
            // The probe talks to the server it started: the certificate must be the one it was given (no chain to build).
            RemoteCertificateValidationCallback = (_, presented, _, _) =>
                presented is not null && presented.GetRawCertData().AsSpan().SequenceEqual(certificate.TargetCertificate.RawData),
        }, timeout.Token);
        try
        {
            await Task.WhenAll(serving, probing).ConfigureAwait(false);
            return true;
        }
        catch (AuthenticationException)
        {
            return false;
        }
        catch (IOException) when (serving.IsFaulted || probing.IsFaulted)
        {
            // The refusing side closes the connection; the other side then sees the stream end.
            return false;
        }
    }

    /// <summary>Every TLS 1.2 (and older) suite .NET names other than the AEAD ones; OpenSSL drops those it does not know.</summary>
    [UnsupportedOSPlatform("windows")]
    private static CipherSuitesPolicy OtherSuites()
    {
        var aead = AeadCipherSuites.Policy!.AllowedCipherSuites.ToHashSet();
        return new CipherSuitesPolicy(Enum.GetValues<TlsCipherSuite>()
            .Where(suite => !aead.Contains(suite) && !IsTls13(suite))
            .Distinct());
    }

    private static bool IsTls13(TlsCipherSuite suite) =>
        suite is TlsCipherSuite.TLS_AES_128_GCM_SHA256 or TlsCipherSuite.TLS_AES_256_GCM_SHA384
            or TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256 or TlsCipherSuite.TLS_AES_128_CCM_SHA256
            or TlsCipherSuite.TLS_AES_128_CCM_8_SHA256;

    [LoggerMessage(EventId = 3210, Level = LogLevel.Information,
        Message = "OpenSSL's own cipher list offers AEAD suites with forward secrecy only: TLS contexts are kept per certificate and sessions resumed")]
    private static partial void LogOpenSslListIsAead(ILogger logger);

    [LoggerMessage(EventId = 3211, Level = LogLevel.Information,
        Message = "OpenSSL's own cipher list allows more than AEAD suites with forward secrecy: the console sets its list on every connection, which costs each handshake a new OpenSSL context and session resumption (run the service with OPENSSL_CONF naming openssl-tls.cnf, docs/operations.md)")]
    private static partial void LogOpenSslListIsWider(ILogger logger);

    [LoggerMessage(EventId = 3212, Level = LogLevel.Warning,
        Message = "The loopback check of OpenSSL's cipher list failed: the console sets its list on every connection")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}
