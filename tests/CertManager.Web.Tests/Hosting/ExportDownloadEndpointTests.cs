using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using CertManager.Core.Events;
using CertManager.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Web.Tests.Hosting;

/// <summary>A console with one user per role and an installed certificate, shared by the endpoint tests.</summary>
public sealed class ExportConsoleFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new("certmanager-export-web");
    private readonly TestPki _pki = new("WebExport");

    public ConsoleProcess Console { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        await ConsoleSeed.AddUsersAsync(_data.Path, ConsoleSeed.OneOfEachRole);
        var (certificatePath, keyPath) = _pki.IssueServer("shop.example.test");
        ConsoleSeed.InstallCertificate(_data.Path, certificatePath, keyPath, _pki.IntermediatePath);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Console = await ConsoleProcess.StartAsync(_data.Path);
    }

    public async Task DisposeAsync()
    {
        await Console.DisposeAsync();
        _pki.Dispose();
        _data.Dispose();
    }
}

/// <summary>The download endpoints through the real console over HTTP, as a browser or a crafted request reaches them.</summary>
public sealed partial class ExportDownloadEndpointTests(ExportConsoleFixture fixture) : IClassFixture<ExportConsoleFixture>
{
    private const string PagePath = "security/web-server/certificate/export";
    private const string PublicPath = PagePath + "/certificate-and-chain";
    private const string DownloadPath = PagePath + "/download";

    [Fact]
    public async Task Anonymous_PublicAndKeyDownloads_RedirectedToSignIn()
    {
        using var client = fixture.Console.CreateClient();

        using var publicResponse = await client.Http.GetAsync(PublicPath);
        using var keyResponse = await client.Http.PostAsync(DownloadPath, Form(("ticket", "anything")));
        using var page = await client.Http.GetAsync(PagePath);

        foreach (var response in new[] { publicResponse, keyResponse, page })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Helpdesk_PublicDownload_CertificateAndChainWithoutKey()
    {
        using var client = await SignInAsync(ConsoleSeed.Helpdesk);

        using var response = await client.Http.GetAsync(PublicPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("shop.example.test.certificate-and-chain.zip", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        using var archive = new ZipArchive(await response.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        Assert.Contains(archive.Entries, e => e.FullName == "shop.example.test.fullchain.crt");
        Assert.DoesNotContain(archive.Entries, e => e.FullName.EndsWith(".key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Helpdesk_CraftedKeyDownload_AccessDenied()
    {
        using var client = await SignInAsync(ConsoleSeed.Helpdesk);
        var token = await client.GetAntiforgeryTokenAsync(PagePath);

        using var response = await client.Http.PostAsync(DownloadPath, Form(("ticket", "crafted-ticket"), ("__RequestVerificationToken", token)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/access-denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Helpdesk_PageFormPostedForTheKey_RefusedWithoutTicket()
    {
        using var client = await SignInAsync(ConsoleSeed.Helpdesk);
        var page = await client.Http.GetStringAsync(PagePath);
        Assert.DoesNotContain("key-export-form", page, StringComparison.Ordinal);
        Assert.Contains("download-public", page, StringComparison.Ordinal);

        var (status, answer) = await TryPostExportFormAsync(client, ConsoleSeed.Helpdesk.Password, "Zip");

        // The form is not rendered for Helpdesk, so the console does not even find the form the post names.
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.DoesNotContain("name=\"ticket\"", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operator_PasswordReentered_DownloadsZipWithKeyOnceAndIsRecorded()
    {
        using var client = await SignInAsync(ConsoleSeed.Operator);

        var ready = await PostExportFormAsync(client, ConsoleSeed.Operator.Password, "Zip");
        var ticket = TicketPattern().Match(ready).Groups[1].Value;
        var token = AntiforgeryPattern().Match(ready).Groups[1].Value;
        using var first = await client.Http.PostAsync(DownloadPath, Form(("ticket", ticket), ("__RequestVerificationToken", token)));
        using var second = await client.Http.PostAsync(DownloadPath, Form(("ticket", ticket), ("__RequestVerificationToken", token)));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("no-store", first.Headers.CacheControl!.ToString());
        using (var archive = new ZipArchive(await first.Content.ReadAsStreamAsync(), ZipArchiveMode.Read))
        {
            Assert.Contains(archive.Entries, e => e.FullName == "shop.example.test.key");
        }

        Assert.Equal(HttpStatusCode.SeeOther, second.StatusCode);
        Assert.Equal("/" + PagePath + "?download=expired", second.Headers.Location!.OriginalString);
        await using var services = ConsoleSeed.CreateServices(fixture.Console.DataDirectory);
        var events = await services.GetRequiredService<EventRecorder>().ListRecentAsync(50);
        Assert.Contains(events, e => e.Source == "export" && e.Actor == ConsoleSeed.Operator.UserName && e.Message.Contains("with the private key", StringComparison.Ordinal) && e.CertificateFingerprint is not null);
    }

    [Fact]
    public async Task Ticket_RedeemedByAnotherUser_RefusedAndBurnt()
    {
        using var operatorClient = await SignInAsync(ConsoleSeed.Operator);
        using var administratorClient = await SignInAsync(ConsoleSeed.Administrator);
        var ready = await PostExportFormAsync(operatorClient, ConsoleSeed.Operator.Password, "PfxModern", pfxPassword: "Pfx-password-web-1");
        var ticket = TicketPattern().Match(ready).Groups[1].Value;
        var operatorToken = AntiforgeryPattern().Match(ready).Groups[1].Value;
        var administratorToken = await administratorClient.GetAntiforgeryTokenAsync(PagePath);

        using var stolen = await administratorClient.Http.PostAsync(DownloadPath, Form(("ticket", ticket), ("__RequestVerificationToken", administratorToken)));
        using var afterwards = await operatorClient.Http.PostAsync(DownloadPath, Form(("ticket", ticket), ("__RequestVerificationToken", operatorToken)));

        Assert.Equal(HttpStatusCode.SeeOther, stolen.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, afterwards.StatusCode);
    }

    [Fact]
    public async Task Operator_WrongPassword_NoTicket()
    {
        using var client = await SignInAsync(ConsoleSeed.Operator);

        var answer = await PostExportFormAsync(client, "not-the-password", "Zip");

        Assert.Contains("account.password-reentry-incorrect", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"ticket\"", answer, StringComparison.Ordinal);
    }

    private async Task<ConsoleClient> SignInAsync(ConsoleSeed.SeededUser user)
    {
        var client = fixture.Console.CreateClient();
        await client.SignInSuccessfullyAsync(user.UserName, user.Password);
        return client;
    }

    private static async Task<string> PostExportFormAsync(ConsoleClient client, string accountPassword, string format, string? pfxPassword = null)
    {
        var (status, body) = await TryPostExportFormAsync(client, accountPassword, format, pfxPassword);
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    private static async Task<(HttpStatusCode Status, string Body)> TryPostExportFormAsync(ConsoleClient client, string accountPassword, string format, string? pfxPassword = null)
    {
        var token = await client.GetAntiforgeryTokenAsync(PagePath);
        using var response = await client.Http.PostAsync(PagePath, Form(
            ("_handler", "export"),
            ("__RequestVerificationToken", token),
            ("Input.Format", format),
            ("Input.PfxPassword", pfxPassword ?? string.Empty),
            ("Input.PfxPasswordConfirm", pfxPassword ?? string.Empty),
            ("Input.AccountPassword", accountPassword)));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    [GeneratedRegex("name=\"ticket\" value=\"([^\"]+)\"")]
    private static partial Regex TicketPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryPattern();
}
