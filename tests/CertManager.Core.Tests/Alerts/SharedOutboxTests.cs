using CertManager.Core.Alerts;
using CertManager.Core.Events;
using CertManager.Core.Tests.Support;
using CertManager.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Core.Tests.Alerts;

/// <summary>Two nodes' dispatchers drain one PostgreSQL outbox at the same time: the real SMTP server receives each alert once.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class SharedOutboxTests(PostgreSqlServer postgreSql) : IAsyncLifetime
{
    private const int Alerts = 8;
    private readonly CoreTestHost _host = CoreTestHost.Create(now: new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero), postgreSql: postgreSql);
    private readonly SmtpServerProcess _smtp = new();

    public Task InitializeAsync() => _smtp.StartAsync();

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        _host.Dispose();
    }

    [Fact]
    public async Task DispatchDueAsync_TwoNodesAtOnce_EachAlertSentExactlyOnce()
    {
        var saved = await _host.Get<AlertSettingsStore>().SaveAsync(
            new AlertSettingsInput("127.0.0.1", _smtp.Port, SmtpSecurity.None, null, "certmanager@example.test", "pki@example.test", EventSeverity.Warning), "alice");
        Assert.True(saved.Succeeded);
        for (var i = 1; i <= Alerts; i++)
        {
            await _host.Get<EventRecorder>().RecordAsync(EventSeverity.Warning, "accounts", $"warning number {i}", "system");
        }

        await using var nodeB = _host.CreateProviderOverSameData();

        var delivered = await Task.WhenAll(_host.Get<AlertDispatcher>().DispatchDueAsync(), nodeB.GetRequiredService<AlertDispatcher>().DispatchDueAsync());

        Assert.Equal(Alerts, delivered.Sum());
        var mails = await _smtp.WaitForMessagesAsync(Alerts);
        Assert.Equal(Alerts, mails.Select(m => m.TextBody).Distinct().Count());
        Assert.Equal(Alerts, _smtp.Messages().Count);
        Assert.Equal(0, await _host.Get<AlertDispatcher>().CountPendingAsync());
    }
}
