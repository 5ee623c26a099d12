using System.Diagnostics;
using System.Net;
using CertManager.Testing;

namespace CertManager.Web.Tests.Security;

/// <summary>Sessions end server-side: at sign-out for every copy of the cookie, and at the absolute lifetime however active they are.</summary>
public sealed class SessionLifetimeTests
{
    private const string TabPath = "security/web-server/certificate";

    [Fact]
    public async Task SignOut_CookieCopiedBeforeSignOut_IsRefusedAfterIt()
    {
        await using var console = await ConsoleProcess.StartAsync();
        using var client = console.CreateClient();
        await client.SignInSuccessfullyAsync(ConsoleProcess.AdministratorName, ConsoleProcess.AdministratorPassword);
        using var copy = console.CreateClient();
        copy.Cookies.Add(client.Cookies.GetAllCookies());
        using var beforeSignOut = await copy.Http.GetAsync(TabPath);
        var token = await client.GetAntiforgeryTokenAsync(TabPath);

        using var signOut = await client.Http.PostAsync("account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        using var afterSignOut = await copy.Http.GetAsync(TabPath);

        Assert.Equal(HttpStatusCode.OK, beforeSignOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, afterSignOut.StatusCode);
        Assert.Contains("/account/login", afterSignOut.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Session_ActiveBeyondAbsoluteLifetime_IsEndedThoughTheIdleTimeoutIsNot()
    {
        var lifetime = TimeSpan.FromSeconds(5);
        await using var console = await ConsoleProcess.StartAsync(environment: new Dictionary<string, string>
        {
            ["CertManager__Sessions__AbsoluteLifetime"] = "00:00:05",
            ["CertManager__Sessions__IdleTimeout"] = "01:00:00",
        });
        using var client = console.CreateClient();
        var signedIn = Stopwatch.StartNew();
        await client.SignInSuccessfullyAsync(ConsoleProcess.AdministratorName, ConsoleProcess.AdministratorPassword);
        using var first = await client.Http.GetAsync(TabPath);

        // Keep the session busy (each request would renew a sliding cookie) until the console ends it.
        HttpStatusCode status;
        do
        {
            using var response = await client.Http.GetAsync(TabPath);
            status = response.StatusCode;
            if (status == HttpStatusCode.OK)
            {
                await Task.Delay(250);
            }
        }
        while (status == HttpStatusCode.OK && signedIn.Elapsed < lifetime + TimeSpan.FromSeconds(60));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.True(signedIn.Elapsed >= lifetime, $"ended after {signedIn.Elapsed}, before the lifetime");
    }
}
