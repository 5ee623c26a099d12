namespace CertManager.Web.Hosting;

/// <summary>Which TLS cipher suites the console offers (<see cref="WebOptions.CipherSuites"/>).</summary>
public enum TlsCipherSuites
{
    /// <summary>
    /// AEAD with forward secrecy only (<see cref="AeadCipherSuites"/>), set on every connection. On Linux .NET then
    /// builds a new OpenSSL context for each handshake and cannot resume TLS sessions: a full handshake costs about
    /// four times nginx's CPU.
    /// </summary>
    Aead,

    /// <summary>
    /// OpenSSL's own list (its configuration file, <c>OPENSSL_CONF</c>): .NET keeps one OpenSSL context per
    /// certificate and resumes sessions. Restrict the list in that file (docs/operations.md) before choosing this.
    /// </summary>
    OpenSsl,
}
