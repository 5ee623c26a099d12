using CertManager.Core.Alerts;
using CertManager.Core.Events;
using CertManager.Testing;

namespace CertManager.Core.Tests.Alerts;

/// <summary>The SMTP password goes only where the administrator meant it to, and never in the clear.</summary>
public sealed class SmtpCredentialTests : IAsyncLifetime
{
    private readonly SmtpServerProcess _smtp = new();

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SaveAsync_UserNameWithoutTls_RefusedSayingWhy()
    {
        using var host = CoreTestHost.Create();

        var saved = await host.Get<AlertSettingsStore>().SaveAsync(
            new AlertSettingsInput("smtp.example.test", 25, SmtpSecurity.None, "mailer", "certmanager@example.test", "pki@example.test", EventSeverity.Warning) { NewPassword = "Sm7p-secret-Pa55" },
            "alice");

        var problem = Assert.Single(saved.Problems);
        Assert.Equal("alerts.credentials-need-tls", problem.Code);
        Assert.Contains("STARTTLS", problem.Fix, StringComparison.Ordinal);
        Assert.False((await host.Get<AlertSettingsStore>().GetEffectiveAsync()).HasPassword);
    }

    [Fact]
    public async Task SendTestAsync_ConfiguredCredentialsWithoutTls_RefusedBeforeTheServerSeesThem()
    {
        await _smtp.StartAsync();
        using var host = CoreTestHost.Create(new Dictionary<string, string?>
        {
            ["CertManager:Alerts:Smtp:Host"] = "127.0.0.1",
            ["CertManager:Alerts:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CertManager:Alerts:Smtp:Security"] = "None",
            ["CertManager:Alerts:Smtp:UserName"] = "mailer",
            ["CertManager:Alerts:Smtp:Password"] = "Sm7p-secret-Pa55",
            ["CertManager:Alerts:Smtp:Sender"] = "certmanager@example.test",
            ["CertManager:Alerts:Smtp:Recipients"] = "pki@example.test",
        });

        var sent = await host.Get<AlertDispatcher>().SendTestAsync("alice");

        var problem = Assert.Single(sent.Problems);
        Assert.Contains("without TLS", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveAsync_HostChangedWithoutNewPassword_StoredPasswordCleared()
    {
        using var host = CoreTestHost.Create();
        var store = host.Get<AlertSettingsStore>();
        await store.SaveAsync(
            new AlertSettingsInput("smtp.example.test", 587, SmtpSecurity.StartTls, "mailer", "certmanager@example.test", "pki@example.test", EventSeverity.Warning) { NewPassword = "Sm7p-secret-Pa55" },
            "alice");

        var sameHost = await store.SaveAsync(
            new AlertSettingsInput("SMTP.example.test", 587, SmtpSecurity.StartTls, "mailer", "certmanager@example.test", "ops@example.test", EventSeverity.Warning),
            "alice");
        var otherHost = await store.SaveAsync(
            new AlertSettingsInput("mail.attacker.test", 587, SmtpSecurity.StartTls, "mailer", "certmanager@example.test", "ops@example.test", EventSeverity.Warning),
            "alice");

        Assert.True(sameHost.Value.HasPassword);
        Assert.False(otherHost.Value.HasPassword);
        Assert.Null((await store.GetEffectiveAsync()).Password);
    }

    public async Task DisposeAsync() => await _smtp.DisposeAsync();
}
