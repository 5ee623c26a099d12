using System.Security.Authentication;
using CertManager.Core.Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;

namespace CertManager.Web.Hosting;

/// <summary>
/// HTTPS on the installed certificate, chosen per TLS handshake, so an install takes effect on the next
/// connection without a restart. Standard endpoint configuration (<c>--urls</c>, <c>ASPNETCORE_URLS</c>,
/// <c>Kestrel:Endpoints</c>) still works and uses the same certificate; without it the console listens on
/// <see cref="WebOptions.HttpsPort"/> and <see cref="WebOptions.HttpPort"/>.
/// </summary>
public static class KestrelHostingExtensions
{
    public static IWebHostBuilder UseCertManagerKestrel(this IWebHostBuilder webHost)
    {
        webHost.ConfigureServices(services =>
        {
            services.AddOptionsWithValidateOnStart<WebOptions>().BindConfiguration(WebOptions.SectionName).ValidateDataAnnotations();
            services.AddSingleton<IValidateOptions<WebOptions>, WebOptionsValidator>();
            services.AddSingleton<TlsCertificateContexts>();
            services.AddSingleton<OpenSslCipherListCheck>();
        });

        return webHost.ConfigureKestrel((context, kestrel) =>
        {
            kestrel.AddServerHeader = false;
            var web = context.Configuration.GetSection(WebOptions.SectionName).Get<WebOptions>() ?? new WebOptions();
            kestrel.Limits.Http2.MaxStreamsPerConnection = web.Http2MaxStreamsPerConnection;
            kestrel.ConfigureHttpsDefaults(https => UseInstalledCertificate(https, kestrel.ApplicationServices, web.CipherSuites));

            if (HasStandardEndpointConfiguration(context.Configuration))
            {
                return;
            }

            kestrel.ListenAnyIP(web.HttpsPort, listen => listen.UseHttps());
            if (web.HttpPort != 0)
            {
                kestrel.ListenAnyIP(web.HttpPort);
            }
        });
    }

    private static void UseInstalledCertificate(HttpsConnectionAdapterOptions https, IServiceProvider services, TlsCipherSuites cipherSuites)
    {
        var provider = services.GetRequiredService<ServerCertificateProvider>();
        var contexts = services.GetRequiredService<TlsCertificateContexts>();
        var cipherListCheck = services.GetRequiredService<OpenSslCipherListCheck>();

        // The selector makes Kestrel accept an endpoint with no certificate configured and serves SNI-less clients.
        https.ServerCertificateSelector = (_, _) => provider.Current.Certificate;

        // Per handshake, hand SslStream a context that carries the intermediates too: the selector alone
        // would send the leaf only, and clients without the intermediate cached would fail to build the chain.
        https.OnAuthenticate = (_, ssl) =>
        {
            var certificate = contexts.For(provider.Current);
            ssl.EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
            // A policy per connection costs .NET its cached OpenSSL context (a new one per handshake, no resumption),
            // so the AEAD list is set only while OpenSSL's own list has not been seen to be as narrow.
            ssl.CipherSuitesPolicy = cipherSuites == TlsCipherSuites.Aead ? cipherListCheck.PolicyFor(certificate) : null;
            ssl.ServerCertificateSelectionCallback = null;
            ssl.ServerCertificate = null;
            ssl.ServerCertificateContext = certificate;
        };
    }

    private static bool HasStandardEndpointConfiguration(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration["urls"])
        || !string.IsNullOrEmpty(configuration["http_ports"])
        || !string.IsNullOrEmpty(configuration["https_ports"])
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
}
