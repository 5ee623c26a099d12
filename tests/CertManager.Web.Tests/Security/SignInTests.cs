using System.Net;
using System.Text.RegularExpressions;
using CertManager.Core.Accounts;
using CertManager.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Web.Tests.Security;

/// <summary>Sign-in, lockout, forced password change and session revocation against the real console process.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class SignInTests
{
    [Fact]
    public async Task SignIn_FirstStartWithoutConfiguredPassword_OneTimePasswordFromAPrivateFileForcesAChange()
    {
        await using var console = await ConsoleProcess.StartAsync(administratorPassword: null);
        var password = ReadOneTimePassword(console);
        using var client = console.CreateClient();

        using var signIn = await client.SignInAsync(ConsoleProcess.AdministratorName, password);
        using var tab = await client.Http.GetAsync("security/web-server/certificate");

        Assert.NotEmpty(password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/account/change-password", signIn.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Redirect, tab.StatusCode);
        Assert.Equal("/account/change-password", new Uri(console.BaseAddress, tab.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task ChangePassword_AfterForcedChange_OpensTheConsoleAndOldPasswordStopsWorking()
    {
        await using var console = await ConsoleProcess.StartAsync(administratorPassword: null);
        var password = ReadOneTimePassword(console);
        using var client = console.CreateClient();
        await client.SignInSuccessfullyAsync(ConsoleProcess.AdministratorName, password);
        var token = await client.GetAntiforgeryTokenAsync("account/change-password");

        using var change = await client.Http.PostAsync("account/change-password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "change-password",
            ["__RequestVerificationToken"] = token,
            ["Input.CurrentPassword"] = password,
            ["Input.NewPassword"] = "A-brand-new-password-2",
            ["Input.ConfirmPassword"] = "A-brand-new-password-2",
        }));
        Assert.False(File.Exists(Path.Combine(console.DataDirectory, "first-administrator-password")));
        using var tab = await client.Http.GetAsync("security/web-server/certificate");
        using var fresh = console.CreateClient();
        using var oldPassword = await fresh.SignInAsync(ConsoleProcess.AdministratorName, password);

        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        Assert.Equal(HttpStatusCode.OK, tab.StatusCode);
        Assert.Equal(HttpStatusCode.OK, oldPassword.StatusCode);
        Assert.Contains("incorrect", await oldPassword.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignIn_WrongPasswordRepeatedly_LocksTheAccountWithTheAnswerAnUnknownNameGets()
    {
        await using var console = await ConsoleProcess.StartAsync();
        using var client = console.CreateClient();
        using var unknown = await client.SignInAsync("nobody-by-this-name", "not-the-password");
        var unknownAnswer = ProblemText(await unknown.Content.ReadAsStringAsync());

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await client.SignInAsync(ConsoleProcess.AdministratorName, "not-the-password");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Equal(unknownAnswer, ProblemText(await wrong.Content.ReadAsStringAsync()));
        }

        using var right = await client.SignInAsync(ConsoleProcess.AdministratorName, ConsoleProcess.AdministratorPassword);

        Assert.Contains("incorrect", unknownAnswer);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(unknownAnswer, ProblemText(await right.Content.ReadAsStringAsync()));
    }

    /// <summary>The problem list's text on a rendered page: what the person signing in is told.</summary>
    private static string ProblemText(string page)
    {
        var match = ProblemPattern().Match(page);
        return match.Success ? match.Value : throw new InvalidOperationException("The page shows no problem.");
    }

    [Fact]
    public async Task SignIn_ReturnUrlToAnotherSite_IsIgnored()
    {
        await using var console = await ConsoleProcess.StartAsync();
        using var client = console.CreateClient();
        var token = await client.GetAntiforgeryTokenAsync("account/login");

        using var response = await client.Http.PostAsync("account/login?returnUrl=%2F%2Fevil.example%2F", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = ConsoleProcess.AdministratorName,
            ["Input.Password"] = ConsoleProcess.AdministratorPassword,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = new Uri(console.BaseAddress, response.Headers.Location!);
        Assert.Equal("127.0.0.1", location.Host);
        Assert.Equal("/", location.AbsolutePath);
    }

    [Fact]
    public async Task Session_UserDisabledWhileSignedIn_IsEndedAtTheNextRequest()
    {
        using var data = new TempDirectory();
        await ConsoleSeed.AddUsersAsync(data.Path, ConsoleSeed.OneOfEachRole);
        await using var console = await ConsoleProcess.StartAsync(data.Path);
        using var client = console.CreateClient();
        await client.SignInSuccessfullyAsync(ConsoleSeed.Helpdesk.UserName, ConsoleSeed.Helpdesk.Password);
        using var before = await client.Http.GetAsync("security/web-server/certificate");

        await using (var services = ConsoleSeed.CreateServices(data.Path))
        {
            var accounts = services.GetRequiredService<UserAccountService>();
            var helpdesk = (await accounts.ListAsync()).Single(u => u.UserName == ConsoleSeed.Helpdesk.UserName);
            Assert.True((await accounts.SetDisabledAsync(helpdesk.Id, disabled: true, "test")).Succeeded);
        }

        using var after = await client.Http.GetAsync("security/web-server/certificate");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/login", after.Headers.Location!.ToString());
    }

    [GeneratedRegex("The user name or password[^<]*")]
    private static partial Regex ProblemPattern();

    /// <summary>As an operator does: the log names the file (never the password), readable only by the console's account.</summary>
    private static string ReadOneTimePassword(ConsoleProcess console)
    {
        var file = OneTimePasswordFilePattern().Match(console.Output).Groups[1].Value;
        Assert.Equal(Path.Combine(console.DataDirectory, "first-administrator-password"), file);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        var password = File.ReadAllText(file).TrimEnd('\n');
        Assert.DoesNotContain(password, console.Output, StringComparison.Ordinal);
        return password;
    }

    [GeneratedRegex("one-time password in the file (\\S+)")]
    private static partial Regex OneTimePasswordFilePattern();
}
