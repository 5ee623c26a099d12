using CertManager.Testing;

namespace CertManager.Acme.Tests.Support;

/// <summary>A pebble that requires External Account Binding (RFC 8555 §7.3.4), as commercial CAs do; shared by a test class.</summary>
public sealed class PebbleWithBinding : IDisposable
{
    public const string KeyId = "kid-1";

    /// <summary>base64url HMAC key, as a CA's account page shows it (the example key of Debian's pebble package).</summary>
    public const string HmacKey = "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W";

    public PebbleServer Pebble { get; } = PebbleServer.Start(new PebbleSettings { ExternalAccountKeys = new Dictionary<string, string> { [KeyId] = HmacKey } });

    public void Dispose() => Pebble.Dispose();
}
