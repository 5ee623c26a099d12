using CertManager.Testing;

namespace CertManager.EndToEnd.Tests.Security;

/// <summary>
/// The Trusted Roots page takes a whole bundle: a PEM file with two enterprise roots and an intermediate adds both
/// roots after one confirmation that shows each fingerprint, and leaves the intermediate out.
/// </summary>
public sealed class TrustedRootsTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TrustedRoots_BundleWithTwoRootsAndAnIntermediate_AddsBothRootsAfterOneConfirmation()
    {
        using var first = new TestPki("Bundle One");
        using var second = new TestPki("Bundle Two");
        var bundlePath = first.File("roots.pem");
        await File.WriteAllTextAsync(bundlePath, first.RootPem + first.IntermediatePem + second.RootPem);
        var expected = new[] { Fingerprint(first, first.RootPath), Fingerprint(second, second.RootPath) };
        await using var console = await ConsoleProcess.StartAsync();
        var page = await browser.NewPageAsync(console.BaseAddress);
        await Pages.SignInAsync(page, ConsoleProcess.AdministratorName, ConsoleProcess.AdministratorPassword);

        await page.GotoAsync("/security/trusted-roots");
        await Pages.WaitForInteractiveAsync(page);
        await Pages.ChooseFileAsync(page, "#trust-root-file", bundlePath, page.Locator("#confirm-trust-root"));

        var offered = await page.Locator("#confirm-trust-root [data-field='candidate-fingerprint']").AllInnerTextsAsync();
        Assert.Equal(expected.Order(), offered.Select(f => f.Trim()).Order());
        Assert.Contains("1 other certificate(s)", await page.InnerTextAsync("#trust-root-skipped"), StringComparison.Ordinal);
        await page.ClickAsync("#confirm-trust-root-yes");
        await page.WaitForSelectorAsync("#trust-root-added");

        Assert.Contains("2 root CAs are now in this console's trust store", await page.InnerTextAsync("#trust-root-added"), StringComparison.Ordinal);
        var listed = await page.Locator(".trusted-root").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.fingerprint)");
        Assert.Equal(expected.Order(), listed.Order());
    }

    private static string Fingerprint(TestPki pki, string certificatePath) =>
        pki.Run("x509", "-in", certificatePath, "-noout", "-fingerprint", "-sha256").Trim().Split('=')[1];
}
