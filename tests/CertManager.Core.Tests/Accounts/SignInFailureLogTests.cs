using CertManager.Core.Accounts;
using CertManager.Core.Alerts;
using CertManager.Core.Events;
using CertManager.Testing;

namespace CertManager.Core.Tests.Accounts;

/// <summary>Failed sign-ins become one event per user name, address and five minutes; unknown names are never emailed.</summary>
public sealed class SignInFailureLogTests : IDisposable
{
    private const string Password = "correct horse battery";

    private readonly CoreTestHost _host = CoreTestHost.Create();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task SignInAsync_RepeatedFailuresFromOneAddress_OneEventCountingThemAndOneAlert()
    {
        await ConfigureAlertsAsync();
        await _host.Get<UserAccountService>().CreateAsync("alice", UserRole.Operator, Password, mustChangePassword: false, "admin");
        var accounts = _host.Get<UserAccountService>();

        for (var attempt = 0; attempt < 7; attempt++)
        {
            await accounts.SignInAsync("ALICE", "not the password", "10.0.0.9");
        }

        await accounts.SignInAsync("alice", "not the password", "10.0.0.10");

        var failures = await FailureEventsAsync();
        Assert.Equal(2, failures.Count);
        var fromFirst = Assert.Single(failures, e => e.Message.Contains("10.0.0.9", StringComparison.Ordinal));
        Assert.StartsWith("7 failed sign-ins for 'alice' from 10.0.0.9 in 5 minutes", fromFirst.Message, StringComparison.Ordinal);
        Assert.Contains("5 wrong password", fromFirst.Message, StringComparison.Ordinal);
        Assert.Contains("2 account locked", fromFirst.Message, StringComparison.Ordinal);
        Assert.Equal(EventSeverity.Warning, fromFirst.Severity);
        Assert.Equal(2, await _host.Get<AlertDispatcher>().CountPendingAsync());
    }

    [Fact]
    public async Task SignInAsync_NextWindow_NewEvent()
    {
        await _host.Get<UserAccountService>().CreateAsync("alice", UserRole.Operator, Password, mustChangePassword: false, "admin");
        var accounts = _host.Get<UserAccountService>();

        await accounts.SignInAsync("alice", "not the password", "10.0.0.9");
        _host.Time.Advance(TimeSpan.FromMinutes(5));
        await accounts.SignInAsync("alice", "not the password", "10.0.0.9");

        var failures = await FailureEventsAsync();
        Assert.Equal(2, failures.Count);
        Assert.All(failures, e => Assert.StartsWith("1 failed sign-in for 'alice' from 10.0.0.9", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignInAsync_UnknownUserNames_RecordedAtInfoAndNeverEmailed()
    {
        await ConfigureAlertsAsync();
        var accounts = _host.Get<UserAccountService>();

        await accounts.SignInAsync("root\r\nBcc: victim@example.test", "guess", "10.0.0.9");
        await accounts.SignInAsync("root\r\nBcc: victim@example.test", "guess", "10.0.0.9");

        var failure = Assert.Single(await FailureEventsAsync());
        Assert.Equal(EventSeverity.Info, failure.Severity);
        Assert.StartsWith("2 failed sign-ins for unknown user name 'root\\r\\nBcc: victim@example.test' from 10.0.0.9", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, await _host.Get<AlertDispatcher>().CountPendingAsync());
    }

    private async Task<List<EventRecord>> FailureEventsAsync() =>
        (await _host.Get<EventRecorder>().ListRecentAsync(100)).Where(e => e.Message.Contains("failed sign-in", StringComparison.Ordinal)).ToList();

    private async Task ConfigureAlertsAsync()
    {
        var saved = await _host.Get<AlertSettingsStore>().SaveAsync(
            new AlertSettingsInput("127.0.0.1", 25, SmtpSecurity.None, null, "certmanager@example.test", "pki@example.test", EventSeverity.Warning), "admin");
        Assert.True(saved.Succeeded);
    }
}
