using CertManager.Core.Alerts;
using CertManager.Core.Events;
using CertManager.Testing;

namespace CertManager.Core.Tests.Alerts;

/// <summary>The settings read without the password are cached until the next commit: each save shows at once, and no password is kept.</summary>
public sealed class AlertSettingsStoreTests : IDisposable
{
    private readonly CoreTestHost _host = CoreTestHost.Create();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task GetEffectiveAsync_WithoutPasswordAfterEachSave_ShowsTheSavedValues()
    {
        var store = _host.Get<AlertSettingsStore>();
        Assert.Null((await store.GetEffectiveAsync(includePassword: false)).Host);

        await store.SaveAsync(
            new AlertSettingsInput("smtp.example.test", 587, SmtpSecurity.StartTls, "mailer", "certmanager@example.test", "pki@example.test", EventSeverity.Warning) { NewPassword = "Sm7p-secret-Pa55" },
            "alice");
        var first = await store.GetEffectiveAsync(includePassword: false);
        Assert.Equal("smtp.example.test", first.Host);
        Assert.True(first.HasPassword);
        Assert.Null(first.Password);

        await store.SaveAsync(
            new AlertSettingsInput("mail.example.test", 587, SmtpSecurity.StartTls, "mailer", "certmanager@example.test", "ops@example.test", EventSeverity.Major),
            "alice");
        var second = await store.GetEffectiveAsync(includePassword: false);

        Assert.Equal("mail.example.test", second.Host);
        Assert.Equal(["ops@example.test"], second.Recipients);
        Assert.False(second.HasPassword);
        Assert.Null((await store.GetEffectiveAsync(includePassword: true)).Password);
    }
}
