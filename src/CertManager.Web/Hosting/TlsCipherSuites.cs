namespace CertManager.Web.Hosting;

/// <summary>Which TLS cipher suites the console offers (<see cref="WebOptions.CipherSuites"/>).</summary>
public enum TlsCipherSuites
{
    /// <summary>
    /// AEAD with forward secrecy only (<see cref="AeadCipherSuites"/>). Left to OpenSSL once its own list has been seen
    /// to be as narrow (<see cref="OpenSslCipherListCheck"/>; the service's OPENSSL_CONF naming openssl-tls.cnf), so
    /// that .NET keeps one OpenSSL context per certificate and resumes sessions; otherwise set on every connection, and
    /// on Linux .NET then builds a new OpenSSL context for each handshake and cannot resume TLS sessions.
    /// </summary>
    Aead,

    /// <summary>
    /// OpenSSL's own list (its configuration file, <c>OPENSSL_CONF</c>), unchecked: .NET keeps one OpenSSL context per
    /// certificate and resumes sessions. Restrict the list in that file (docs/operations.md) before choosing this.
    /// </summary>
    OpenSsl,
}
