using System.Net.Security;

namespace CertManager.LoadTest.Circuits;

/// <summary>The console of a load run presents its self-signed default certificate on 127.0.0.1: accepted there (as the
/// Chromium contexts ignore HTTPS errors), validated as usual for any other address.</summary>
internal static class ConsoleCertificate
{
    public static RemoteCertificateValidationCallback For(Uri console) =>
        (_, certificate, _, errors) => errors == SslPolicyErrors.None || (console.IsLoopback && certificate is not null);
}
