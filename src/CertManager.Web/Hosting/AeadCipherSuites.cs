using System.Net.Security;
using System.Runtime.Versioning;

namespace CertManager.Web.Hosting;

/// <summary>
/// The cipher suites the console offers: AEAD only, with forward secrecy. TLS 1.3's suites (RFC 8446 section 9.1) and
/// TLS 1.2's ECDHE with AES-GCM or ChaCha20-Poly1305 (RFC 5289, RFC 7905), as in Mozilla's "intermediate"
/// configuration; no CBC, no RSA key exchange, no SHA-1. Applied by OpenSSL on Linux; Windows (where .NET cannot set
/// suites per connection) keeps the system's policy.
/// </summary>
internal static class AeadCipherSuites
{
    public static readonly CipherSuitesPolicy? Policy = OperatingSystem.IsWindows() ? null : Create();

    [UnsupportedOSPlatform("windows")]
    private static CipherSuitesPolicy Create() => new(
    [
        TlsCipherSuite.TLS_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    ]);
}
