using CertManager.Testing;
using Microsoft.Playwright;

namespace CertManager.EndToEnd.Tests.WebServer;

/// <summary>'Enterprise CA - SCEP Enrollment' in a real browser against Debian's scepserver; the port's TLS handshake is the proof.</summary>
public sealed class ScepEnrollmentTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Enroll_RightChallenge_ShowsCaAndStepsAndRefusesTheClientOnlyCertificate()
    {
        using var scep = ScepServer.Start();
        using var ca = scep.CaCertificate;
        await using var console = await ConsoleProcess.StartAsync();
        var before = TlsProbe.Sha256Fingerprint(await TlsProbe.GetPresentedCertificateAsync(console.Port));
        var page = await OpenFormAsync(console);

        await FillAsync(page, scep, scep.Challenge);
        await page.ClickAsync("#contact-ca");
        await page.WaitForSelectorAsync("#ca-certificates");
        Assert.Equal(TlsProbe.Sha256Fingerprint(ca), await page.GetAttributeAsync(".ca-certificate", "data-fingerprint"));
        Assert.True(await page.IsDisabledAsync("#enroll"));
        await page.CheckAsync("#confirm-ca");
        await page.ClickAsync("#enroll");
        await page.WaitForSelectorAsync("#chain-report");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("scep-issued"), FullPage = true });

        Assert.Equal(
            ["ContactingCa", "CaCertificateReceived", "RequestSignedAndEncrypted", "RequestSent", "Issued"],
            await page.Locator(".scep-step").EvaluateAllAsync<string[]>("steps => steps.map(s => s.dataset.step)"));
        // scepserver grants clientAuth only: installing it would lock browsers out, so it is an error and no Install is offered.
        Assert.Equal(1, await page.Locator(".problem.severity-error[data-code='server.no-server-auth']").CountAsync());

        // The CA's own root is not trusted yet: the warning offers it, asks first, and the chain is checked again.
        Assert.Equal(1, await page.Locator("[data-code='chain.root-untrusted']").CountAsync());
        await page.ClickAsync("#trust-root");
        await page.ClickAsync("#confirm-trust-root-yes");
        await page.WaitForSelectorAsync("#trust-root-added");
        await page.WaitForSelectorAsync("[data-code='chain.root-untrusted']", new() { State = WaitForSelectorState.Detached });

        // Trusting the root does not make a client-only certificate a server certificate.
        Assert.Equal(1, await page.Locator(".problem.severity-error[data-code='server.no-server-auth']").CountAsync());
        Assert.Equal(1, await page.Locator("#cannot-install").CountAsync());
        Assert.Equal(0, await page.Locator("#install").CountAsync());
        Assert.Equal("Error", await page.GetAttributeAsync(".chain-link[data-role=Server]", "data-worst"));
        Assert.Equal(before, TlsProbe.Sha256Fingerprint(await TlsProbe.GetPresentedCertificateAsync(console.Port)));
    }

    [Fact]
    public async Task Enroll_WrongChallenge_SaysSoAndKeepsTheCurrentCertificate()
    {
        using var scep = ScepServer.Start(challenge: "the-right-one");
        await using var console = await ConsoleProcess.StartAsync();
        var before = TlsProbe.Sha256Fingerprint(await TlsProbe.GetPresentedCertificateAsync(console.Port));
        var page = await OpenFormAsync(console);

        await FillAsync(page, scep, "wrong-password");
        await page.ClickAsync("#contact-ca");
        await page.CheckAsync("#confirm-ca");
        await page.ClickAsync("#enroll");
        await page.WaitForSelectorAsync("[data-code='scep.rejected-bad-request']");

        Assert.Contains("wrong or expired enrollment password", await page.InnerTextAsync("[data-code='scep.rejected-bad-request']"), StringComparison.Ordinal);
        Assert.Equal("Rejected", await page.GetAttributeAsync(".scep-step:last-child", "data-step"));
        Assert.Equal(0, await page.Locator("#chain-report").CountAsync());
        Assert.Equal(before, TlsProbe.Sha256Fingerprint(await TlsProbe.GetPresentedCertificateAsync(console.Port)));
    }

    [Fact]
    public async Task Contact_WrongUriPath_ShowsNotFoundAndNoCertificates()
    {
        using var scep = ScepServer.Start();
        await using var console = await ConsoleProcess.StartAsync();
        var page = await OpenFormAsync(console);

        await page.FillAsync("#ca-address", $"127.0.0.1:{scep.Port}");
        await page.FillAsync("#enrollment-password", scep.Challenge);
        await page.ClickAsync("#contact-ca");
        await page.WaitForSelectorAsync("[data-code='scep.not-found']");

        Assert.Equal("failed", await page.GetAttributeAsync(".scep-step[data-step=ContactingCa]", "data-state"));
        Assert.Equal(0, await page.Locator("#ca-certificates").CountAsync());
    }

    private async Task<IPage> OpenFormAsync(ConsoleProcess console)
    {
        var page = await browser.NewPageAsync(console.BaseAddress);
        await Pages.SignInAsync(page, ConsoleProcess.AdministratorName, ConsoleProcess.AdministratorPassword);
        await Pages.WaitForInteractiveAsync(page);
        await page.ClickAsync("#action-scep");
        await page.WaitForSelectorAsync("#scep-form");
        await Pages.WaitForInteractiveAsync(page);
        Assert.Equal("console.example.test", await page.InputValueAsync("#common-name"));
        Assert.Equal("/certsrv/mscep/mscep.dll", await page.InputValueAsync("#uri-path"));
        return page;
    }

    private static async Task FillAsync(IPage page, ScepServer scep, string challenge)
    {
        await page.FillAsync("#ca-address", $"127.0.0.1:{scep.Port}");
        await page.FillAsync("#uri-path", "/scep");
        await page.FillAsync("#enrollment-password", challenge);
    }
}
