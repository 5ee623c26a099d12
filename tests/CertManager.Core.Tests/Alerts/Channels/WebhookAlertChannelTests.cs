using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CertManager.Core.Alerts;
using CertManager.Core.Events;
using CertManager.Core.Expiry;
using CertManager.Core.Tests.Support;
using CertManager.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Core.Tests.Alerts.Channels;

/// <summary>Webhook alerts to a receiver on loopback: the signed generic payload, Slack and Teams formats, minimum severity, and a receiver that is down.</summary>
public sealed class WebhookAlertChannelTests : IDisposable
{
    private const string Secret = "webhook-shared-secret";
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private readonly WebhookReceiver _receiver = new();

    [Fact]
    public async Task DispatchDueAsync_GenericWebhook_PostsSignedPayloadWithDeliveryId()
    {
        _receiver.Start();
        using var host = CoreTestHost.Create(Webhook("ops", _receiver.Url("generic"), "Generic", "Warning", Secret), Start);
        ExpiringChain.Install(host, "hook.example.test", Start.AddDays(-2));
        await host.Get<ExpiryChecker>().CheckAsync();

        Assert.Equal(1, await host.Get<AlertDispatcher>().DispatchDueAsync());

        var request = Assert.Single(await _receiver.WaitForAsync(1));
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(request.Body)));
        Assert.Equal(expected, request.Headers["X-CertManager-Signature"]);
        using var payload = JsonDocument.Parse(request.Body);
        var root = payload.RootElement;
        Assert.Equal(request.Headers["X-CertManager-Delivery"], root.GetProperty("deliveryId").GetString());
        Assert.True(Guid.TryParse(root.GetProperty("deliveryId").GetString(), out _));
        Assert.Equal("MAJOR", root.GetProperty("severity").GetString());
        Assert.Equal("expiry", root.GetProperty("source").GetString());
        Assert.Equal("hook.example.test", root.GetProperty("certificate").GetProperty("commonName").GetString());
        Assert.Equal(-2, root.GetProperty("certificate").GetProperty("daysLeft").GetInt32());
        Assert.Equal(0, await host.Get<AlertDispatcher>().CountPendingAsync());
    }

    [Fact]
    public async Task DispatchDueAsync_SlackAndTeamsWebhooks_EachGetsItsOwnFormatWithoutSignature()
    {
        _receiver.Start();
        var settings = Webhook("slack", _receiver.Url("slack"), "Slack", "Warning", null);
        foreach (var (key, value) in Webhook("teams", _receiver.Url("teams"), "Teams", "Warning", null, index: 1))
        {
            settings[key] = value;
        }

        using var host = CoreTestHost.Create(settings, Start);
        ExpiringChain.Install(host, "chat.example.test", Start.AddDays(-1));
        await host.Get<ExpiryChecker>().CheckAsync();

        Assert.Equal(2, await host.Get<AlertDispatcher>().DispatchDueAsync());

        var requests = await _receiver.WaitForAsync(2);
        var slack = JsonDocument.Parse(requests.Single(r => r.Path == "/slack").Body).RootElement;
        Assert.StartsWith("*[CertManager] MAJOR: certificate chat.example.test", slack.GetProperty("text").GetString(), StringComparison.Ordinal);
        var teams = JsonDocument.Parse(requests.Single(r => r.Path == "/teams").Body).RootElement;
        Assert.Equal("MessageCard", teams.GetProperty("@type").GetString());
        Assert.Contains("chat.example.test", teams.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.All(requests, r => Assert.False(r.Headers.ContainsKey("X-CertManager-Signature")));
    }

    [Fact]
    public async Task EnqueueIfWanted_EventBelowWebhookMinimum_NotQueuedForIt()
    {
        using var host = CoreTestHost.Create(Webhook("major-only", _receiver.Url("major"), "Generic", "Major", Secret), Start);
        ExpiringChain.Install(host, "minor.example.test", Start.AddDays(5));

        await host.Get<ExpiryChecker>().CheckAsync();

        var raised = (await host.Get<EventRecorder>().QueryAsync(new EventQuery { Source = EventSources.Expiry })).Items;
        Assert.Contains(raised, e => e.Severity == EventSeverity.Minor);
        Assert.Equal(0, await host.Get<AlertDispatcher>().CountPendingAsync());
    }

    [Fact]
    public async Task DispatchDueAsync_ReceiverDownThenUp_DeliveredOnceAfterRestart()
    {
        var settings = Webhook("ops", _receiver.Url("later"), "Generic", "Warning", Secret);
        using var host = CoreTestHost.Create(settings, Start);
        ExpiringChain.Install(host, "later.example.test", Start.AddDays(-1));
        await host.Get<ExpiryChecker>().CheckAsync();

        // Nobody listens yet: the alert stays queued with its back-off.
        Assert.Equal(0, await host.Get<AlertDispatcher>().DispatchDueAsync());
        Assert.Equal(1, await host.Get<AlertDispatcher>().CountPendingAsync());

        // The receiver comes up and the console restarts (a new service provider over the same data).
        _receiver.Start();
        host.Time.Advance(TimeSpan.FromSeconds(31));
        await using (var restarted = host.CreateProviderOverSameData(settings))
        {
            Assert.Equal(1, await restarted.GetRequiredService<AlertDispatcher>().DispatchDueAsync());
            Assert.Equal(0, await restarted.GetRequiredService<AlertDispatcher>().CountPendingAsync());
        }

        SqliteConnection.ClearAllPools();
        var request = Assert.Single(await _receiver.WaitForAsync(1));
        Assert.Equal("/later", request.Path);
        Assert.Equal("later.example.test", JsonDocument.Parse(request.Body).RootElement.GetProperty("certificate").GetProperty("commonName").GetString());
    }

    [Fact]
    public async Task SendWebhookTestAsync_ReceiverUpThenDown_ReportsSuccessThenTheError()
    {
        _receiver.Start();
        using var host = CoreTestHost.Create(Webhook("ops", _receiver.Url("test"), "Generic", "Warning", Secret), Start);
        var dispatcher = host.Get<AlertDispatcher>();

        var sent = await dispatcher.SendWebhookTestAsync("ops", "alice");
        var request = Assert.Single(await _receiver.WaitForAsync(1));
        _receiver.Dispose();
        var failed = await dispatcher.SendWebhookTestAsync("ops", "alice");

        Assert.True(sent.Succeeded);
        Assert.Contains("Test alert from CertManager to the webhook 'ops', sent by alice.", JsonDocument.Parse(request.Body).RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("alerts.webhook-test-failed", Assert.Single(failed.Problems).Code);
        Assert.Equal(0, await dispatcher.CountPendingAsync());
    }

    public void Dispose() => _receiver.Dispose();

    private static Dictionary<string, string?> Webhook(string name, string url, string format, string minimum, string? secret, int index = 0) => new()
    {
        [$"CertManager:Alerts:Webhooks:{index}:Name"] = name,
        [$"CertManager:Alerts:Webhooks:{index}:Url"] = url,
        [$"CertManager:Alerts:Webhooks:{index}:Format"] = format,
        [$"CertManager:Alerts:Webhooks:{index}:MinimumSeverity"] = minimum,
        [$"CertManager:Alerts:Webhooks:{index}:Secret"] = secret,
    };
}
