using System.Net;
using CertManager.Core.Accounts;
using CertManager.Core.Csr;
using CertManager.Testing;

namespace CertManager.Web.Tests.Security;

/// <summary>Each role against each page and endpoint, through the real console process.</summary>
public sealed class AuthorizationTests(AuthorizationTests.SeededConsole console) : IClassFixture<AuthorizationTests.SeededConsole>
{
    public sealed class SeededConsole : IAsyncLifetime
    {
        private readonly TempDirectory _data = new("certmanager-authz");

        public ConsoleProcess Process { get; private set; } = default!;

        /// <summary>A pending wildcard request, for the download endpoint.</summary>
        public GeneratedCsr PendingCsr { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            await ConsoleSeed.AddUsersAsync(_data.Path, ConsoleSeed.OneOfEachRole);
            PendingCsr = await ConsoleSeed.AddPendingRequestAsync(_data.Path, new CsrForm { CommonName = "*.example.com" });
            Process = await ConsoleProcess.StartAsync(_data.Path);
        }

        public async Task DisposeAsync()
        {
            if (Process is not null)
            {
                await Process.DisposeAsync();
            }

            _data.Dispose();
        }
    }

    public static TheoryData<string> ProtectedPages => new()
    {
        "/security/web-server/certificate",
        "/security/users",
        "/account/change-password",
        "/security/web-server/certificate/csr",
        "/security/web-server/certificate/csr/1.csr",
        "/",
    };

    [Theory]
    [MemberData(nameof(ProtectedPages))]
    public async Task Get_AnonymousOnProtectedPage_RedirectsToSignIn(string path)
    {
        using var client = console.Process.CreateClient();

        using var response = await client.Http.GetAsync(path.TrimStart('/'));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Contains("/account/login", location);
    }

    [Fact]
    public async Task Get_AnonymousOnCertificateTab_RedirectCarriesReturnUrl()
    {
        using var client = console.Process.CreateClient();

        using var response = await client.Http.GetAsync("security/web-server/certificate");

        Assert.Contains("ReturnUrl=%2Fsecurity%2Fweb-server%2Fcertificate", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Post_AnonymousToBlazorHub_IsRefused()
    {
        using var client = console.Process.CreateClient();

        using var response = await client.Http.PostAsync("_blazor/negotiate?negotiateVersion=1", content: null);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized, $"got {(int)response.StatusCode}");
    }

    [Theory]
    [InlineData("health")]
    [InlineData("account/login")]
    public async Task Get_AnonymousOnPublicEndpoint_Succeeds(string path)
    {
        using var client = console.Process.CreateClient();

        using var response = await client.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(UserRole.Administrator, HttpStatusCode.OK)]
    [InlineData(UserRole.Operator, HttpStatusCode.Redirect)]
    [InlineData(UserRole.Helpdesk, HttpStatusCode.Redirect)]
    public async Task Get_UsersPageByRole_OnlyAdministratorsGetIt(UserRole role, HttpStatusCode expected)
    {
        using var client = await SignedInClientAsync(role);

        using var response = await client.Http.GetAsync("security/users");

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Redirect)
        {
            Assert.Contains("/account/access-denied", response.Headers.Location!.ToString());
        }
    }

    [Theory]
    [InlineData(UserRole.Administrator)]
    [InlineData(UserRole.Operator)]
    [InlineData(UserRole.Helpdesk)]
    public async Task Get_CertificateTabByRole_EveryRoleSeesTheCertificate(UserRole role)
    {
        using var client = await SignedInClientAsync(role);

        var page = await client.Http.GetStringAsync("security/web-server/certificate");

        var presented = await TlsProbe.GetPresentedCertificateAsync(console.Process.Port);
        Assert.Contains(TlsProbe.Sha256Fingerprint(presented), page);
        Assert.Contains("Self-signed default certificate", page);
    }

    [Theory]
    [InlineData(UserRole.Administrator, true)]
    [InlineData(UserRole.Operator, false)]
    [InlineData(UserRole.Helpdesk, false)]
    public async Task Get_CertificateTabByRole_UsersLinkShownOnlyToAdministrators(UserRole role, bool shown)
    {
        using var client = await SignedInClientAsync(role);

        var page = await client.Http.GetStringAsync("security/web-server/certificate");

        Assert.Equal(shown, page.Contains("href=\"/security/users\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(UserRole.Administrator, HttpStatusCode.OK)]
    [InlineData(UserRole.Operator, HttpStatusCode.Redirect)]
    [InlineData(UserRole.Helpdesk, HttpStatusCode.Redirect)]
    public async Task Get_CsrPageByRole_OnlyAdministratorsGetIt(UserRole role, HttpStatusCode expected)
    {
        using var client = await SignedInClientAsync(role);

        using var response = await client.Http.GetAsync("security/web-server/certificate/csr");

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Redirect)
        {
            Assert.Contains("/account/access-denied", response.Headers.Location!.ToString());
        }
        else
        {
            Assert.Contains("Generate a new certificate signing request (CSR)", await response.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [InlineData(UserRole.Operator)]
    [InlineData(UserRole.Helpdesk)]
    public async Task Get_CsrDownloadByNonAdministrator_IsDenied(UserRole role)
    {
        using var client = await SignedInClientAsync(role);

        using var response = await client.Http.GetAsync($"security/web-server/certificate/csr/{console.PendingCsr.PendingRequestId}.csr");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/access-denied", response.Headers.Location!.ToString());
        Assert.DoesNotContain("CERTIFICATE REQUEST", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_CsrDownloadByAdministrator_ServesThePemAsPkcs10NamedAfterTheCommonName()
    {
        using var client = await SignedInClientAsync(UserRole.Administrator);

        using var response = await client.Http.GetAsync($"security/web-server/certificate/csr/{console.PendingCsr.PendingRequestId}.csr");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pkcs10", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("wildcard.example.com.csr", response.Content.Headers.ContentDisposition!.FileName);
        Assert.Equal(console.PendingCsr.Pem, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_CsrDownloadOfUnknownRequest_IsNotFound()
    {
        using var client = await SignedInClientAsync(UserRole.Administrator);

        using var response = await client.Http.GetAsync("security/web-server/certificate/csr/999.csr");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(UserRole.Administrator, true)]
    [InlineData(UserRole.Operator, false)]
    [InlineData(UserRole.Helpdesk, false)]
    public async Task Get_CertificateTabByRole_CsrActionShownOnlyToAdministrators(UserRole role, bool shown)
    {
        using var client = await SignedInClientAsync(role);

        var page = await client.Http.GetStringAsync("security/web-server/certificate");

        Assert.Equal(shown, page.Contains("href=\"/security/web-server/certificate/csr\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_Logout_EndsTheSession()
    {
        using var client = await SignedInClientAsync(UserRole.Helpdesk);
        var token = await client.GetAntiforgeryTokenAsync("security/web-server/certificate");

        using var logout = await client.Http.PostAsync("account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        using var after = await client.Http.GetAsync("security/web-server/certificate");

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Contains("/account/login", after.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Post_LogoutWithoutAntiforgeryToken_IsRejected()
    {
        using var client = await SignedInClientAsync(UserRole.Helpdesk);

        using var logout = await client.Http.PostAsync("account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
    }

    private async Task<ConsoleClient> SignedInClientAsync(UserRole role)
    {
        var user = ConsoleSeed.OneOfEachRole.Single(u => u.Role == role);
        var client = console.Process.CreateClient();
        await client.SignInSuccessfullyAsync(user.UserName, user.Password);
        return client;
    }
}
