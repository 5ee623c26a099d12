using System.Text.RegularExpressions;
using CertManager.Testing;
using Microsoft.Playwright;

namespace CertManager.EndToEnd.Tests.WebServer;

/// <summary>
/// Generate a new CSR from the Web Server Certificate tab in a real browser, with openssl as the referee of the
/// downloaded file: it must verify, and carry exactly the subject and names the administrator entered.
/// </summary>
public sealed partial class GenerateCsrTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string CsrPagePath = "/security/web-server/certificate/csr";

    /// <summary>Generation of a 4096-bit key takes seconds; allow for a slow build machine.</summary>
    private const float GenerationTimeout = 90_000;

    [Fact]
    public async Task GenerateCsr_AdministratorFillsForm_DownloadCarriesExactlyTheEnteredSubjectAndNames()
    {
        await using var console = await ConsoleProcess.StartAsync();
        using var work = new TempDirectory("certmanager-e2e-csr");
        var page = await browser.NewPageAsync(console.BaseAddress);
        await Pages.SignInAsync(page, ConsoleProcess.AdministratorName, ConsoleProcess.AdministratorPassword);
        await Pages.WaitForInteractiveAsync(page);

        await page.ClickAsync("#generate-csr");
        await page.WaitForURLAsync(url => url.EndsWith(CsrPagePath, StringComparison.Ordinal));
        await page.WaitForSelectorAsync("#csr-form");
        await Pages.WaitForInteractiveAsync(page);

        // First use: the common name is this host's name, and the tab strip still shows where we are.
        Assert.Equal("console.example.test", await page.InputValueAsync("#common-name"));
        Assert.Contains("active", await page.GetAttributeAsync("#tab-certificate", "class") ?? string.Empty);

        // Country by searching its name; a code the ISO list lacks is refused first.
        await page.FillAsync("#country", "XX");
        await page.PressAsync("#country", "Tab");
        await page.WaitForSelectorAsync("[data-code='csr.country-invalid']");
        // From the keyboard (WAI-ARIA combobox): typing highlights the first match, Down moves the highlight, Enter
        // takes it without submitting the form, Tab takes it and moves on, Escape closes the list.
        await page.FillAsync("#country", "united");
        await page.WaitForSelectorAsync("#country-option-0[aria-selected=true]");
        await page.PressAsync("#country", "ArrowDown");
        var highlighted = page.Locator("#country-options li[aria-selected=true]");
        await Assertions.Expect(highlighted).ToHaveAttributeAsync("id", "country-option-1");
        var second = (await highlighted.InnerTextAsync()).Trim();
        await Assertions.Expect(page.Locator("#country")).ToHaveAttributeAsync("aria-activedescendant", "country-option-1");
        await page.PressAsync("#country", "Enter");
        await Assertions.Expect(page.Locator("#country")).ToHaveValueAsync(second);
        Assert.Equal(0, await page.Locator("#csr-pem").CountAsync());
        await page.FillAsync("#country", "franc");
        await page.WaitForSelectorAsync("#country-options li[aria-selected=true][data-code=FR]");
        await page.PressAsync("#country", "Tab");
        await Assertions.Expect(page.Locator("#country")).ToHaveValueAsync("FR — France");
        await page.FillAsync("#country", "ger");
        await page.WaitForSelectorAsync("#country-options");
        await page.PressAsync("#country", "Escape");
        await page.WaitForSelectorAsync("#country-options", new() { State = WaitForSelectorState.Detached });

        await page.FillAsync("#country", "canad");
        await page.ClickAsync("#country-options li[data-code=CA]");
        await Assertions.Expect(page.Locator("#country")).ToHaveValueAsync("CA — Canada");
        await page.WaitForSelectorAsync("[data-code='csr.country-invalid']", new() { State = WaitForSelectorState.Detached });

        await page.FillAsync("#state", "Ontario");
        await page.FillAsync("#locality", "Toronto");
        await page.FillAsync("#organization", "Example Inc.");
        await page.FillAsync("#organizational-unit", "IT");

        // A common name with a space: marked next to the field, and Generate makes nothing.
        await page.FillAsync("#common-name", "www example.com");
        await page.WaitForSelectorAsync("[data-code='csr.common-name-contains-space']");
        await page.ClickAsync("#generate-csr-submit");
        await page.WaitForSelectorAsync("#generate-blocked");
        Assert.Equal(0, await page.Locator("#csr-pem").CountAsync());
        Assert.Equal(0, await page.Locator("#csr-progress").CountAsync());
        Assert.Equal("true", await page.GetAttributeAsync("#common-name", "aria-invalid"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("generate-csr-error") });

        await page.FillAsync("#common-name", "www.example.com");
        await page.WaitForSelectorAsync("[data-code='csr.common-name-contains-space']", new() { State = WaitForSelectorState.Detached });
        await page.ClickAsync("#add-alternate-name");
        await page.FillAsync("#alternate-name-1", "example.com");
        await page.ClickAsync("#add-alternate-name");
        // Typed key by key without pauses, as fast as a person pastes: nothing may be lost to the round trips.
        await page.Locator("#alternate-name-2").PressSequentiallyAsync("192.168.1.10");
        await Assertions.Expect(page.Locator("#alternate-name-2")).ToHaveValueAsync("192.168.1.10");
        await page.SelectOptionAsync("#key-size", "4096");
        await page.SelectOptionAsync("#hash", "Sha384");

        // The preview is what the CSR will carry; an IP address name is worth a warning, not an error.
        const string Subject = "C=CA, ST=Ontario, L=Toronto, O=Example Inc., OU=IT, CN=www.example.com";
        await page.WaitForSelectorAsync("[data-code='csr.alternate-name-ip-address']");
        await Assertions.Expect(page.Locator("[data-field=preview-key]")).ToHaveTextAsync("RSA 4096 bits, signed with SHA-384");
        await Assertions.Expect(page.Locator("[data-field=preview-subject]")).ToHaveTextAsync(Subject);
        await Assertions.Expect(page.Locator("[data-field=preview-alternate-names] div"))
            .ToHaveTextAsync(["DNS:www.example.com", "DNS:example.com", "IP:192.168.1.10"]);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("generate-csr-form"), FullPage = true });

        await page.ClickAsync("#generate-csr-submit");
        // A 4096-bit key takes long enough (hundreds of milliseconds at least) for the progress to be seen.
        await page.WaitForSelectorAsync("#csr-progress >> text=Generating a 4096-bit RSA key");
        Assert.True(await page.IsDisabledAsync("#generate-csr-submit"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("generate-csr-progress") });
        await page.WaitForSelectorAsync("#csr-pem", new() { Timeout = GenerationTimeout });
        var shownPem = await page.InputValueAsync("#csr-pem");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("generate-csr-result"), FullPage = true });

        Assert.StartsWith("-----BEGIN CERTIFICATE REQUEST-----", shownPem, StringComparison.Ordinal);
        Assert.Equal("RSA 4096 bits", (await page.InnerTextAsync("[data-field=csr-key]")).Trim());
        Assert.Equal("sha384WithRSAEncryption", (await page.InnerTextAsync("[data-field=csr-signature-algorithm]")).Trim());
        Assert.Equal(1, await page.Locator("#pending-requests tr[data-pending-request]").CountAsync());

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-csr"));
        var csrPath = work.File(download.SuggestedFilename);
        await download.SaveAsAsync(csrPath);

        Assert.Equal("www.example.com.csr", download.SuggestedFilename);
        Assert.Equal(Normalize(shownPem), Normalize(await File.ReadAllTextAsync(csrPath)));
        var verify = OpenSsl.TryRun(work.Path, "req", "-in", csrPath, "-verify", "-noout");
        Assert.True(verify.ExitCode == 0, verify.StandardError);
        Assert.Contains("verify OK", verify.StandardError + verify.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(
            "subject=CN=www.example.com,OU=IT,O=Example Inc.,L=Toronto,ST=Ontario,C=CA",
            OpenSsl.Run(work.Path, "req", "-in", csrPath, "-noout", "-subject", "-nameopt", "RFC2253").Trim());
        var text = OpenSsl.Run(work.Path, "req", "-in", csrPath, "-noout", "-text");
        Assert.Equal("DNS:www.example.com, DNS:example.com, IP Address:192.168.1.10", AlternateNamesLine(text));
        Assert.Contains("Public-Key: (4096 bit)", text, StringComparison.Ordinal);
        Assert.Contains("Signature Algorithm: sha384WithRSAEncryption", text, StringComparison.Ordinal);
        Assert.Equal(
            OpenSslPublicKeySha256(work, csrPath),
            (await page.InnerTextAsync("[data-field=csr-public-key-sha256]")).Trim().Replace(":", string.Empty, StringComparison.Ordinal));

        // Next time the form starts from these values.
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#csr-form");
        await Pages.WaitForInteractiveAsync(page);
        Assert.Equal("CA — Canada", await page.InputValueAsync("#country"));
        Assert.Equal("Ontario", await page.InputValueAsync("#state"));
        Assert.Equal("Toronto", await page.InputValueAsync("#locality"));
        Assert.Equal("Example Inc.", await page.InputValueAsync("#organization"));
        Assert.Equal("IT", await page.InputValueAsync("#organizational-unit"));
        Assert.Equal("www.example.com", await page.InputValueAsync("#common-name"));
        Assert.Equal("example.com", await page.InputValueAsync("#alternate-name-1"));
        Assert.Equal("192.168.1.10", await page.InputValueAsync("#alternate-name-2"));
        Assert.Equal("4096", await page.InputValueAsync("#key-size"));
        Assert.Equal("Sha384", await page.InputValueAsync("#hash"));
    }

    [Fact]
    public async Task GenerateCsr_RequestAlreadyPending_AsksFirstAndKeepsBothUntilOneIsDiscarded()
    {
        await using var console = await ConsoleProcess.StartAsync();
        var page = await browser.NewPageAsync(console.BaseAddress);
        await Pages.SignInAsync(page, ConsoleProcess.AdministratorName, ConsoleProcess.AdministratorPassword);
        await page.GotoAsync(CsrPagePath);
        await page.WaitForSelectorAsync("#csr-form");
        await Pages.WaitForInteractiveAsync(page);

        await page.ClickAsync("#generate-csr-submit");
        await page.WaitForSelectorAsync("#pending-requests tr[data-pending-request]", new() { Timeout = GenerationTimeout });
        var first = await page.GetAttributeAsync("#pending-requests tr[data-pending-request]", "data-pending-request");

        await page.FillAsync("#common-name", "renewed.example.test");
        await page.ClickAsync("#generate-csr-submit");
        var question = await page.InnerTextAsync("#confirm-regenerate");
        Assert.Contains("becomes the current one", question, StringComparison.Ordinal);
        Assert.Contains("Earlier pending keys are kept until", question, StringComparison.Ordinal);
        await page.ClickAsync("#confirm-regenerate-yes");
        await page.WaitForSelectorAsync("[data-field=csr-subject] >> text=renewed.example.test", new() { Timeout = GenerationTimeout });
        Assert.Equal(2, await page.Locator("#pending-requests tr[data-pending-request]").CountAsync());

        await page.ClickAsync($"#pending-requests tr[data-pending-request='{first}'] button.discard");
        Assert.Contains("private key is deleted", await page.InnerTextAsync("#confirm-discard"), StringComparison.Ordinal);
        await page.ClickAsync("#confirm-discard-yes");
        await page.WaitForSelectorAsync($"#pending-requests tr[data-pending-request='{first}']", new() { State = WaitForSelectorState.Detached });

        var rows = page.Locator("#pending-requests tr[data-pending-request]");
        Assert.Equal(1, await rows.CountAsync());
        Assert.Contains("CN=renewed.example.test", await rows.First.InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateCsr_Copy_PutsThePemOnTheClipboard()
    {
        await using var console = await ConsoleProcess.StartAsync();
        var page = await browser.NewPageAsync(console.BaseAddress);
        await page.Context.GrantPermissionsAsync(["clipboard-write"]);
        await Pages.SignInAsync(page, ConsoleProcess.AdministratorName, ConsoleProcess.AdministratorPassword);
        await page.GotoAsync(CsrPagePath);
        await page.WaitForSelectorAsync("#csr-form");
        await Pages.WaitForInteractiveAsync(page);

        await page.ClickAsync("#generate-csr-submit");
        await page.WaitForSelectorAsync("#csr-pem", new() { Timeout = GenerationTimeout });
        await page.ClickAsync("#copy-csr");
        await page.WaitForSelectorAsync("#copy-outcome >> text=Copied");

        // The console's Permissions-Policy forbids scripts to read the clipboard (clipboard-read=()), so read it as a
        // person would: paste into a text field.
        await page.EvaluateAsync("() => { const t = document.createElement('textarea'); t.id = 'paste-target'; document.body.appendChild(t); }");
        await page.FocusAsync("#paste-target");
        await page.Keyboard.PressAsync("ControlOrMeta+V");
        var clipboard = await page.InputValueAsync("#paste-target");
        Assert.Equal(Normalize(await page.InputValueAsync("#csr-pem")), Normalize(clipboard));
    }

    [Theory]
    [InlineData("Operator")]
    [InlineData("Helpdesk")]
    public async Task Tab_NonAdministrator_DoesNotSeeTheActionAndCannotOpenTheForm(string role)
    {
        using var data = new TempDirectory();
        await ConsoleSeed.AddUsersAsync(data.Path, ConsoleSeed.OneOfEachRole);
        await using var console = await ConsoleProcess.StartAsync(data.Path);
        var user = ConsoleSeed.OneOfEachRole.Single(u => u.Role.ToString() == role);
        var page = await browser.NewPageAsync(console.BaseAddress);

        await Pages.SignInAsync(page, user.UserName, user.Password);
        await Pages.WaitForInteractiveAsync(page);
        await page.WaitForSelectorAsync("[data-field=sha256-fingerprint]");

        Assert.Equal(0, await page.Locator("#generate-csr").CountAsync());
        Assert.DoesNotContain("certificate signing request", await page.InnerTextAsync("main"), StringComparison.OrdinalIgnoreCase);
        await page.GotoAsync(CsrPagePath);
        Assert.Contains("/account/access-denied", page.Url, StringComparison.Ordinal);
    }

    private static string Normalize(string pem) => pem.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    /// <summary>The subjectAltName line of <c>openssl req -text</c>, e.g. "DNS:a, IP Address:192.168.1.10".</summary>
    private static string AlternateNamesLine(string text)
    {
        var lines = text.Split('\n');
        var index = Array.FindIndex(lines, line => line.Contains("X509v3 Subject Alternative Name", StringComparison.Ordinal));
        Assert.True(index >= 0, "openssl shows no Subject Alternative Name:\n" + text);
        return lines[index + 1].Trim();
    }

    /// <summary>SHA-256 of the DER SubjectPublicKeyInfo as openssl extracts it, upper-case hex without colons.</summary>
    private static string OpenSslPublicKeySha256(TempDirectory work, string csrPath)
    {
        OpenSsl.Run(work.Path, "req", "-in", csrPath, "-noout", "-pubkey", "-out", work.File("pub.pem"));
        OpenSsl.Run(work.Path, "pkey", "-pubin", "-in", work.File("pub.pem"), "-outform", "DER", "-out", work.File("pub.der"));
        var digest = OpenSsl.Run(work.Path, "dgst", "-sha256", "-r", work.File("pub.der"));
        return HexDigest().Match(digest).Value.ToUpperInvariant();
    }

    [GeneratedRegex("^[0-9a-f]{64}")]
    private static partial Regex HexDigest();
}
