using System.Security.Cryptography;
using System.Text;
using CertManager.Core.Alerts;
using CertManager.Core.Alerts.Channels;
using CertManager.Core.Events;
using CertManager.Core.Expiry;
using CertManager.Core.Tests.Support;
using CertManager.Testing;

namespace CertManager.Core.Tests.Alerts.Channels;

/// <summary>Webhooks added in the console: stored encrypted, delivered like configured ones, removable, and never clashing with configuration.</summary>
public sealed class WebhookChannelStoreTests : IDisposable
{
    private const string Secret = "console-added-secret";
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private readonly WebhookReceiver _receiver = new();

    public void Dispose() => _receiver.Dispose();

    [Fact]
    public async Task AddAsync_ThenAnExpiryAlert_IsPostedSignedToTheAddedWebhook()
    {
        _receiver.Start();
        using var host = CoreTestHost.Create(now: Start);

        var added = await host.Get<WebhookChannelStore>().AddAsync(new WebhookInput("ops-chat", _receiver.Url("added"), WebhookFormat.Generic, Secret, EventSeverity.Warning), "alice");
        ExpiringChain.Install(host, "added.example.test", Start.AddDays(-2));
        await host.Get<ExpiryChecker>().CheckAsync();

        Assert.True(added.Succeeded, string.Join("; ", added.Problems.Select(p => p.Message)));
        Assert.Equal(1, await host.Get<AlertDispatcher>().DispatchDueAsync());
        var request = Assert.Single(await _receiver.WaitForAsync(1));
        Assert.Equal("/added", request.Path);
        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(request.Body))), request.Headers["X-CertManager-Signature"]);
        var recorded = (await host.Get<EventRecorder>().QueryAsync(new EventQuery { Source = EventSources.Alerts })).Items;
        Assert.Contains(recorded, e => e.Actor == "alice" && e.Message.StartsWith("Webhook alert channel 'ops-chat' added (Generic, WARNING and above, signed)", StringComparison.Ordinal));
    }

    // Searches the SQLite database file's bytes; on PostgreSQL there is no such file and the loop would check nothing.
    [Trait(TestDatabase.SqliteOnlyTrait, TestDatabase.SqliteOnly)]
    [Fact]
    public async Task AddAsync_UrlAndSecret_AreNotStoredInPlainText()
    {
        using var host = CoreTestHost.Create(now: Start);
        const string url = "https://hooks.example.test/services/T000/B000/plain-url-token";

        await host.Get<WebhookChannelStore>().AddAsync(new WebhookInput("chat", url, WebhookFormat.Slack, Secret, EventSeverity.Minor), "alice");

        // The database and its write-ahead log, wherever SQLite has put the row so far.
        foreach (var file in Directory.GetFiles(host.DataDirectory, "certmanager.db*"))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes("plain-url-token")));
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Secret)));
        }

        var saved = Assert.Single(await host.Get<WebhookChannelStore>().ListSavedAsync());
        Assert.Equal((url, Secret, true), (saved.Url, saved.Secret, saved.SavedInConsole));
    }

    [Theory]
    [InlineData("bad name", "https://hooks.example.test/x")]
    [InlineData("ok-name", "ftp://hooks.example.test/x")]
    [InlineData("ok-name", "not a url")]
    public async Task AddAsync_InvalidNameOrUrl_RefusedWithWhatToEnter(string name, string url)
    {
        using var host = CoreTestHost.Create(now: Start);

        var added = await host.Get<WebhookChannelStore>().AddAsync(new WebhookInput(name, url, WebhookFormat.Generic, null, EventSeverity.Warning), "alice");

        Assert.Equal("alerts.webhook-invalid", Assert.Single(added.Problems).Code);
        Assert.Empty(await host.Get<WebhookChannelStore>().ListSavedAsync());
    }

    [Fact]
    public async Task AddAndRemove_NameFromConfiguration_RefusedAndConfigurationKept()
    {
        using var host = CoreTestHost.Create(
            new Dictionary<string, string?> { ["CertManager:Alerts:Webhooks:0:Name"] = "ops", ["CertManager:Alerts:Webhooks:0:Url"] = "https://hooks.example.test/ops" },
            Start);
        var store = host.Get<WebhookChannelStore>();

        var added = await store.AddAsync(new WebhookInput("OPS", "https://other.example.test/", WebhookFormat.Generic, null, EventSeverity.Warning), "alice");
        var removed = await store.RemoveAsync("ops", "alice");

        Assert.Equal("alerts.webhook-name-taken", Assert.Single(added.Problems).Code);
        Assert.Equal("alerts.webhook-from-configuration", Assert.Single(removed.Problems).Code);
        var effective = (await host.Get<AlertSettingsStore>().GetEffectiveAsync()).Webhooks;
        Assert.Equal(("ops", false), (Assert.Single(effective).Name, effective[0].SavedInConsole));
    }

    [Fact]
    public async Task RemoveAsync_AddedWebhook_NoLongerReceivesAlerts()
    {
        _receiver.Start();
        using var host = CoreTestHost.Create(now: Start);
        var store = host.Get<WebhookChannelStore>();
        await store.AddAsync(new WebhookInput("gone", _receiver.Url("gone"), WebhookFormat.Generic, null, EventSeverity.Warning), "alice");

        var removed = await store.RemoveAsync("gone", "bob");
        ExpiringChain.Install(host, "gone.example.test", Start.AddDays(-2));
        await host.Get<ExpiryChecker>().CheckAsync();

        Assert.True(removed.Succeeded);
        Assert.Empty((await host.Get<AlertSettingsStore>().GetEffectiveAsync()).Webhooks);
        Assert.Equal(0, await host.Get<AlertDispatcher>().CountPendingAsync());
        Assert.Equal("alerts.webhook-not-found", Assert.Single((await store.RemoveAsync("gone", "bob")).Problems).Code);
    }
}
