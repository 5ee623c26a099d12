using CertManager.Core.Alerts;
using CertManager.Core.Events;
using CertManager.Core.Expiry;
using CertManager.Core.Storage;
using CertManager.Core.Tests.Support;
using CertManager.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Core.Tests.Alerts;

/// <summary>Email alerts through a real SMTP server (Debian's aiosmtpd on loopback), including one that is down.</summary>
public sealed class AlertDeliveryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private readonly CoreTestHost _host = CoreTestHost.Create(now: Start);
    private readonly SmtpServerProcess _smtp = new();

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task DispatchDueAsync_ExpiredCertificate_MailNamesSeverityCertificateAndWhatToDo()
    {
        await _smtp.StartAsync();
        await ConfigureAsync();
        var (leaf, _) = ExpiringChain.Install(_host, "mail.example.test", Start.AddDays(-2));
        await _host.Get<ExpiryChecker>().CheckAsync();

        Assert.Equal(1, await _host.Get<AlertDispatcher>().DispatchDueAsync());

        var mail = Assert.Single(await _smtp.WaitForMessagesAsync(1));
        Assert.Equal("[CertManager] MAJOR: certificate mail.example.test expired on 2026-11-24", mail.Subject);
        Assert.Equal("certmanager@example.test", mail.From.Mailboxes.Single().Address);
        Assert.Equal(["pki@example.test", "oncall@example.test"], mail.To.Mailboxes.Select(m => m.Address));
        var body = mail.TextBody;
        Assert.Contains("Common name (CN):     mail.example.test", body, StringComparison.Ordinal);
        Assert.Contains("DNS:mail.example.test, DNS:www.mail.example.test", body, StringComparison.Ordinal);
        Assert.Contains("Issuer:               O=Expiry PKI, CN=Expiry Test Issuing CA", body, StringComparison.Ordinal);
        Assert.Contains("Expires:              2026-11-24 12:00:00 UTC", body, StringComparison.Ordinal);
        Assert.Contains("Days left:            -2", body, StringComparison.Ordinal);
        Assert.Contains(CertificateFacts.From(leaf).Sha256Fingerprint, body, StringComparison.Ordinal);
        Assert.Contains("What to do", body, StringComparison.Ordinal);
        Assert.Equal(0, await _host.Get<AlertDispatcher>().CountPendingAsync());
    }

    [Fact]
    public async Task DispatchDueAsync_ServerDownThenUp_AlertArrivesAfterRestartOfBoth()
    {
        await ConfigureAsync();
        ExpiringChain.Install(_host, "later.example.test", Start.AddDays(5));
        await _host.Get<ExpiryChecker>().CheckAsync();

        // The SMTP server is down: the alert stays queued, with its next attempt pushed back.
        Assert.Equal(0, await _host.Get<AlertDispatcher>().DispatchDueAsync());
        Assert.Equal(1, await _host.Get<AlertDispatcher>().CountPendingAsync());
        Assert.Equal(0, await _host.Get<AlertDispatcher>().DispatchDueAsync());

        // The mail server comes back, and the console restarts (a new service provider over the same data).
        await _smtp.StartAsync();
        _host.Time.Advance(TimeSpan.FromSeconds(31));
        await using (var restarted = _host.CreateProviderOverSameData())
        {
            Assert.Equal(1, await restarted.GetRequiredService<AlertDispatcher>().DispatchDueAsync());
        }

        SqliteConnection.ClearAllPools();
        var mail = Assert.Single(await _smtp.WaitForMessagesAsync(1));
        Assert.StartsWith("[CertManager] MINOR: certificate later.example.test expires in 5 day(s)", mail.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryNowAsync_ServerBackBeforeThePauseEnds_ListsTheWaitingAlertThenSendsIt()
    {
        await ConfigureAsync();
        ExpiringChain.Install(_host, "retry.example.test", Start.AddDays(-1));
        await _host.Get<ExpiryChecker>().CheckAsync();
        var dispatcher = _host.Get<AlertDispatcher>();
        Assert.Equal(0, await dispatcher.DispatchDueAsync());

        var waiting = Assert.Single(await dispatcher.ListWaitingAsync());
        Assert.Equal(1, waiting.Attempts);
        Assert.True(waiting.NextAttempt > Start);
        Assert.False(string.IsNullOrEmpty(waiting.LastError));

        await _smtp.StartAsync();
        Assert.Equal(1, await dispatcher.RetryNowAsync());
        Assert.Empty(await dispatcher.ListWaitingAsync());
        Assert.Single(await _smtp.WaitForMessagesAsync(1));
    }

    [Fact]
    public async Task DispatchDueAsync_FailurePersists_BacksOffAndBecomesAnEventOnce()
    {
        await ConfigureAsync();
        ExpiringChain.Install(_host, "down.example.test", Start.AddDays(-1));
        await _host.Get<ExpiryChecker>().CheckAsync();
        var dispatcher = _host.Get<AlertDispatcher>();

        for (var attempt = 1; attempt <= 6; attempt++)
        {
            Assert.Equal(0, await dispatcher.DispatchDueAsync());
            Assert.Equal(0, await dispatcher.DispatchDueAsync()); // not due again before its back-off
            _host.Time.Advance(dispatcher.Backoff(attempt));
        }

        var failures = (await _host.Get<EventRecorder>().QueryAsync(new EventQuery { Source = EventSources.Alerts })).Items;
        var failure = Assert.Single(failures);
        Assert.Equal(EventSeverity.Minor, failure.Severity);
        Assert.Contains("could not be delivered after 5 attempts", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, await dispatcher.CountPendingAsync());
        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(32), TimeSpan.FromHours(1)], new[] { 1, 2, 7, 12 }.Select(dispatcher.Backoff));
    }

    [Fact]
    public async Task SendTestAsync_ServerUpThenDown_ReportsSuccessThenTheError()
    {
        await _smtp.StartAsync();
        await ConfigureAsync();
        var dispatcher = _host.Get<AlertDispatcher>();

        var sent = await dispatcher.SendTestAsync("alice");
        Assert.True(sent.Succeeded, string.Join("; ", sent.Problems.Select(p => p.Message)));
        Assert.Equal("[CertManager] Test email", Assert.Single(await _smtp.WaitForMessagesAsync(1)).Subject);

        await _smtp.StopAsync();
        var failed = await dispatcher.SendTestAsync("alice");
        Assert.Equal("alerts.delivery-failed", Assert.Single(failed.Problems).Code);
        Assert.Contains($"127.0.0.1:{_smtp.Port}", failed.Problems[0].Message, StringComparison.Ordinal);
    }

    // Searches the SQLite database file's bytes for the password.
    [Trait(TestDatabase.SqliteOnlyTrait, TestDatabase.SqliteOnly)]
    [Fact]
    public async Task SaveAsync_Password_IsStoredEncryptedAndConfigurationWins()
    {
        await _host.Get<AlertSettingsStore>().SaveAsync(
            new AlertSettingsInput("smtp.example.test", 587, SmtpSecurity.StartTls, "mailer", "certmanager@example.test", "pki@example.test", EventSeverity.Minor) { NewPassword = "Sm7p-secret-Pa55" },
            "alice");

        var database = await File.ReadAllBytesAsync(new DataDirectory(_host.DataDirectory).DatabaseFile);
        Assert.DoesNotContain("Sm7p-secret-Pa55", System.Text.Encoding.UTF8.GetString(database), StringComparison.Ordinal);
        var saved = await _host.Get<AlertSettingsStore>().GetEffectiveAsync();
        Assert.True(saved.HasPassword);
        Assert.Equal("Sm7p-secret-Pa55", saved.Password);
        Assert.Empty(saved.FromConfiguration);

        using var configured = CoreTestHost.Create(new Dictionary<string, string?> { ["CertManager:Alerts:Smtp:Host"] = "relay.example.test", ["CertManager:Alerts:Smtp:Port"] = "25" });
        await configured.Get<AlertSettingsStore>().SaveAsync(new AlertSettingsInput("page.example.test", 587, SmtpSecurity.None, null, "a@example.test", "b@example.test", EventSeverity.Warning), "alice");
        var effective = await configured.Get<AlertSettingsStore>().GetEffectiveAsync();
        Assert.Equal(("relay.example.test", 25, "a@example.test"), (effective.Host, effective.Port, effective.Sender));
        Assert.True(effective.IsFromConfiguration(nameof(AlertSettings.Host)));
        Assert.False(effective.IsFromConfiguration(nameof(AlertSettings.Sender)));
    }

    private async Task ConfigureAsync()
    {
        var saved = await _host.Get<AlertSettingsStore>().SaveAsync(
            new AlertSettingsInput("127.0.0.1", _smtp.Port, SmtpSecurity.None, null, "certmanager@example.test", "pki@example.test, oncall@example.test", EventSeverity.Warning),
            "alice");
        Assert.True(saved.Succeeded);
    }

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        _host.Dispose();
    }
}
