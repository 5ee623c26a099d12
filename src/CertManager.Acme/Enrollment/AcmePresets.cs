namespace CertManager.Acme.Enrollment;

/// <summary>Directory URLs of well-known ACME CAs offered on the form; any other RFC 8555 directory can be typed in.</summary>
public static class AcmePresets
{
    public static IReadOnlyList<(string Name, string DirectoryUrl)> All { get; } =
    [
        ("Let's Encrypt", "https://acme-v02.api.letsencrypt.org/directory"),
        ("Let's Encrypt staging (for tests)", "https://acme-staging-v02.api.letsencrypt.org/directory"),
        ("ZeroSSL (needs External Account Binding)", "https://acme.zerossl.com/v2/DV90"),
        ("Google Trust Services (needs External Account Binding)", "https://dv.acme-v02.api.pki.goog/directory"),
    ];
}
