using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace CertManager.Testing;

/// <summary>
/// Let's Encrypt's test CA, pebble, as the real ACME peer: started on free loopback ports with a TLS certificate made
/// for 127.0.0.1 at run time, which only <see cref="CreateHandler"/> trusts. PEBBLE_VA_NOSLEEP=1 validates at once;
/// it issues from a fresh root on every start (<see cref="GetRootPemAsync"/>). See <see cref="PebbleBinaries"/> for
/// which version runs.
/// </summary>
public sealed class PebbleServer : IDisposable
{
    private readonly PeerProcess _process;
    private readonly TempDirectory _directory;

    private PebbleServer(PeerProcess process, TempDirectory directory, X509Certificate2 tlsCertificate, int port, int managementPort, bool hasAri)
    {
        _process = process;
        _directory = directory;
        TlsCertificate = tlsCertificate;
        DirectoryUrl = new Uri($"https://127.0.0.1:{port}/dir");
        ManagementUrl = new Uri($"https://127.0.0.1:{managementPort}/");
        HasAri = hasAri;
    }

    public Uri DirectoryUrl { get; }

    public Uri ManagementUrl { get; }

    /// <summary>True when this pebble (2.6 or later) offers renewalInfo.</summary>
    public bool HasAri { get; }

    public X509Certificate2 TlsCertificate { get; }

    public string Output => _process.Output;

    public static PebbleServer Start(PebbleSettings? settings = null)
    {
        settings ??= new PebbleSettings();
        var executable = PebbleBinaries.Pebble(settings.RequireAri);
        var directory = new TempDirectory("pebble");
        var tlsCertificate = WriteTlsCertificate(directory);
        var port = FreePort.Next();
        var managementPort = FreePort.Next();
        var pebble = new Dictionary<string, object?>
        {
            ["listenAddress"] = $"127.0.0.1:{port}",
            ["managementListenAddress"] = $"127.0.0.1:{managementPort}",
            ["certificate"] = directory.File("tls.pem"),
            ["privateKey"] = directory.File("tls.key"),
            ["httpPort"] = settings.HttpPort ?? FreePort.Next(),
            ["tlsPort"] = FreePort.Next(),
            ["ocspResponderURL"] = string.Empty,
            ["externalAccountBindingRequired"] = settings.ExternalAccountKeys is not null,
        };
        if (settings.ExternalAccountKeys is { } keys)
        {
            pebble["externalAccountMACKeys"] = keys;
        }

        if (settings.RetryAfterSeconds is { } retryAfter)
        {
            pebble["retryAfter"] = new Dictionary<string, int> { ["authz"] = retryAfter, ["order"] = retryAfter };
        }

        File.WriteAllText(directory.File("pebble.json"), JsonSerializer.Serialize(new Dictionary<string, object> { ["pebble"] = pebble }));
        var arguments = new List<string> { "-config", directory.File("pebble.json") };
        if (settings.DnsServer is { } dns)
        {
            arguments.AddRange(["-dnsserver", dns]);
        }

        var environment = new Dictionary<string, string>
        {
            ["PEBBLE_VA_NOSLEEP"] = "1",
            ["PEBBLE_WFE_NONCEREJECT"] = settings.NonceRejectPercent.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Authorizations are never reused: every order exercises its challenges.
            ["PEBBLE_AUTHZREUSE"] = "0",
        };
        var process = PeerProcess.Start(executable, arguments, directory.Path, environment);
        process.WaitUntilListening(port);
        process.WaitUntilListening(managementPort);
        return new PebbleServer(process, directory, tlsCertificate, port, managementPort, executable != PebbleBinaries.SystemPebble);
    }

    /// <summary>An HTTP handler that trusts exactly pebble's TLS certificate and nothing else.</summary>
    public HttpMessageHandler CreateHandler()
    {
        var expected = TlsCertificate.RawData;
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(expected),
            },
        };
    }

    /// <summary>The root pebble issues under in this run (management API <c>/roots/0</c>).</summary>
    public async Task<string> GetRootPemAsync()
    {
        using var http = new HttpClient(CreateHandler()) { Timeout = TimeSpan.FromSeconds(30) };
        return await http.GetStringAsync(new Uri(ManagementUrl, "roots/0"));
    }

    private static X509Certificate2 WriteTlsCertificate(TempDirectory directory)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=pebble test listener", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(2));
        File.WriteAllText(directory.File("tls.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(directory.File("tls.key"), key.ExportPkcs8PrivateKeyPem());
        return X509CertificateLoader.LoadCertificate(certificate.RawData);
    }

    public void Dispose()
    {
        _process.Dispose();
        TlsCertificate.Dispose();
        _directory.Dispose();
    }
}
