using System.Diagnostics;
using System.Net;
using CertManager.Testing;

namespace CertManager.Web.Tests.Hosting;

/// <summary>What the console's responses tell a browser to enforce, the origins it accepts, and the TLS it offers, against the real process.</summary>
public sealed class SecurityHeadersTests(SecurityHeadersTests.ConsoleWithPki fixture) : IClassFixture<SecurityHeadersTests.ConsoleWithPki>
{
    public sealed class ConsoleWithPki : IAsyncLifetime
    {
        public TempDirectory Data { get; } = new("certmanager-headers");

        public TestPki Pki { get; } = new("Headers");

        public ConsoleProcess Process { get; private set; } = default!;

        public async Task InitializeAsync() => Process = await ConsoleProcess.StartAsync(Data.Path);

        public async Task DisposeAsync()
        {
            if (Process is not null)
            {
                await Process.DisposeAsync();
            }

            Pki.Dispose();
            Data.Dispose();
        }
    }

    [Fact]
    public async Task Get_SignInPage_CarriesTheBrowserSecurityHeaders()
    {
        using var client = fixture.Process.CreateClient();

        using var response = await client.Http.GetAsync("account/login");

        var csp = Header(response, "Content-Security-Policy");
        var scriptSrc = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.Equal("script-src 'self'", scriptSrc);
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"));
    }

    [Fact]
    public async Task Get_SignInPage_EveryCookieIsSecure()
    {
        using var client = fixture.Process.CreateClient();

        using var response = await client.Http.GetAsync("account/login");

        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith("CertManager.Antiforgery", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Hsts_SentOnlyOnceACertificateOtherThanTheDefaultIsPresented()
    {
        using var client = fixture.Process.CreateClient();
        using var withDefault = await client.Http.GetAsync("health");
        var (certificatePath, keyPath) = fixture.Pki.IssueServer("console.example.test");
        ConsoleSeed.InstallCertificate(fixture.Data.Path, certificatePath, keyPath, fixture.Pki.IntermediatePath);

        // The console follows the store's pointer within a second; wait until a fresh connection shows the new certificate.
        var deadline = Stopwatch.StartNew();
        while (!(await TlsProbe.GetPresentedCertificateAsync(fixture.Process.Port)).Issuer.Contains("Headers", StringComparison.Ordinal)
            && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }

        using var fresh = fixture.Process.CreateClient();
        using var withInstalled = await fresh.Http.GetAsync("health");

        Assert.False(withDefault.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal("max-age=31536000", Header(withInstalled, "Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("https://evil.example", null, HttpStatusCode.Forbidden)]
    [InlineData("null", null, HttpStatusCode.Forbidden)]
    [InlineData("null", "cross-site", HttpStatusCode.Forbidden)]
    [InlineData("http://127.0.0.1:{port}", null, HttpStatusCode.Forbidden)]
    [InlineData("https://127.0.0.1:{port}", "same-site", HttpStatusCode.Forbidden)]
    [InlineData("https://127.0.0.1:{port}", null, HttpStatusCode.OK)]
    [InlineData("https://127.0.0.1:{port}", "same-origin", HttpStatusCode.OK)]
    // What a browser sends for the console's own form under Referrer-Policy: no-referrer.
    [InlineData("null", "same-origin", HttpStatusCode.OK)]
    public async Task Post_SignInForm_AcceptedOnlyFromTheConsolesOwnOrigin(string origin, string? fetchSite, HttpStatusCode expected)
    {
        using var client = fixture.Process.CreateClient();
        var token = await client.GetAntiforgeryTokenAsync("account/login");
        using var request = new HttpRequestMessage(HttpMethod.Post, "account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = token,
                ["Input.UserName"] = "someone",
                ["Input.Password"] = "not-the-password",
            }),
        };
        request.Headers.Add("Origin", origin.Replace("{port}", fixture.Process.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        using var response = await client.Http.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example", HttpStatusCode.Forbidden)]
    [InlineData("https://127.0.0.1:{port}", HttpStatusCode.OK)]
    public async Task Post_BlazorHubNegotiate_AcceptedOnlyFromTheConsolesOwnOrigin(string origin, HttpStatusCode expected)
    {
        using var client = fixture.Process.CreateClient();
        await client.SignInSuccessfullyAsync(ConsoleProcess.AdministratorName, ConsoleProcess.AdministratorPassword);
        using var request = new HttpRequestMessage(HttpMethod.Post, "_blazor/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", origin.Replace("{port}", fixture.Process.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        using var response = await client.Http.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("AES128-SHA", false)]
    [InlineData("AES256-GCM-SHA384", false)]
    [InlineData("ECDHE-RSA-AES128-SHA256", false)]
    [InlineData("ECDHE-RSA-AES128-GCM-SHA256", true)]
    [InlineData("ECDHE-RSA-CHACHA20-POLY1305", true)]
    public void Handshake_Tls12CipherSuite_OnlyAeadWithForwardSecrecyAccepted(string cipher, bool accepted)
    {
        var outcome = OpenSsl.TryRunWithInput(Path.GetTempPath(), string.Empty,
            "s_client", "-connect", $"127.0.0.1:{fixture.Process.Port}", "-servername", "console.example.test", "-tls1_2", "-cipher", cipher);

        Assert.True(accepted == (outcome.ExitCode == 0), $"openssl s_client -cipher {cipher} exited {outcome.ExitCode}: {outcome.StandardError}");
    }

    [Fact]
    public void Handshake_Tls13_Accepted()
    {
        var outcome = OpenSsl.TryRunWithInput(Path.GetTempPath(), string.Empty,
            "s_client", "-connect", $"127.0.0.1:{fixture.Process.Port}", "-servername", "console.example.test", "-tls1_3");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("TLSv1.3", outcome.StandardOutput);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"The response has no {name} header.");
}
